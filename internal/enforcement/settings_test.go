package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestSettingsInheritDownRegions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		v, err := c.svc.Setting(c.ctx, "369901", enforcement.SetTrainingHours)
		if err != nil || v.Value != 40 || v.FromRegion != "" {
			t.Fatalf("default: %+v %v", v, err)
		}
		if err := c.svc.SetSetting(c.ctx, "369900", enforcement.SetTrainingHours, 60, "市规定每年不少于60学时"); err != nil {
			t.Fatal(err)
		}
		v, _ = c.svc.Setting(c.ctx, "369901", enforcement.SetTrainingHours)
		if v.Value != 60 || v.FromRegion != "369900" {
			t.Fatalf("city value not inherited: %+v", v)
		}
		if err := c.svc.SetSetting(c.ctx, "369901", enforcement.SetTrainingHours, 50, ""); err != nil {
			t.Fatal(err)
		}
		v, _ = c.svc.Setting(c.ctx, "369901", enforcement.SetTrainingHours)
		if v.Value != 50 || v.FromRegion != "369901" {
			t.Fatalf("own value: %+v", v)
		}
		err = c.svc.SetSetting(c.ctx, "369901", enforcement.SetPublishDaysPenalty, 0, "")
		if !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("out of range accepted: %v", err)
		}
	})
}
