package calendar

import (
	"errors"
	"fmt"
)

// Region holds the extra holidays a 民族自治地方 sets by its own regulation
// (e.g. 彝族年, 火把节, 古尔邦节). They apply on top of the national calendar.
type Region struct {
	Code   string    `json:"code"`   // administrative division code, e.g. "513400"
	Name   string    `json:"name"`   // e.g. "凉山彝族自治州"
	Source string    `json:"source"` // the regulation or notice that sets the days
	Days   []PlanDay `json:"days"`
}

// WithRegion returns a copy of the calendar with the region's days applied.
// A regional day replaces the national classification of that date.
func (c *Calendar) WithRegion(r Region) (*Calendar, error) {
	if r.Name == "" {
		return nil, errors.New("地区名称不能为空")
	}
	source := r.Source
	if source == "" {
		source = r.Name + "节假日规定"
	}
	n := c.clone()
	for _, pd := range r.Days {
		if err := checkDayKind(pd); err != nil {
			return nil, fmt.Errorf("%s：%w", r.Name, err)
		}
		n.days[pd.Date] = Day{Date: pd.Date, Workday: pd.Kind.IsWorkday(), Kind: pd.Kind, Name: pd.Name, Source: source}
	}
	n.regions = append(n.regions, r.Name)
	return n, nil
}

// Regions lists the regions applied to this calendar.
func (c *Calendar) Regions() []string { return append([]string(nil), c.regions...) }
