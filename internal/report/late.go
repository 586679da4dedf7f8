package report

// DateState is where one of a report's two dates stands on a given day.
type DateState string

const (
	DateOpen    DateState = "open"    // not due yet
	DateOverdue DateState = "overdue" // past the date and not done
	DateMet     DateState = "met"     // done on or before the date
	DateLate    DateState = "late"    // done, after the date
)

// Label is the state in Chinese.
func (d DateState) Label() string {
	switch d {
	case DateOpen:
		return "未到期"
	case DateOverdue:
		return "已逾期"
	case DateMet:
		return "按期完成"
	case DateLate:
		return "逾期完成"
	}
	return string(d)
}

// SubmitState is the 报送 date's state on today (an ISO date).
func (r Report) SubmitState(today string) DateState {
	if r.SubmittedOn != "" {
		if r.SubmittedOn > r.SubmitBy {
			return DateLate
		}
		return DateMet
	}
	if today > r.SubmitBy {
		return DateOverdue
	}
	return DateOpen
}

// PublishState is the 公开 date's state on today; published is the day
// the text first went on the portal ("" if never).
func (r Report) PublishState(today, published string) DateState {
	if published != "" {
		if published > r.PublishBy {
			return DateLate
		}
		return DateMet
	}
	if today > r.PublishBy {
		return DateOverdue
	}
	return DateOpen
}
