package enforcement_test

import (
	"errors"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// An officer's hours of the year against the requirement of his region:
// the national default (40 学时, as in seed 000) until the city sets 60
// (as seed 003's 张掖市 does), which the county inherits.
func TestTrainingAgainstRequirement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		id, err := c.svc.CreateOfficer(c.ctx, regOfficerInput(unit, "36990100011"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range []enforcement.TrainingInput{{HeldOn: "2026-01-15", Course: "行政处罚法专题", Hours: "30"},
			{HeldOn: "2026-02-20", Course: "食品安全法规", Hours: "12.5"}, {HeldOn: "2025-12-30", Course: "上年度课程", Hours: "40"}} {
			if _, err := c.svc.AddTraining(c.ctx, id, tr); err != nil {
				t.Fatal(err)
			}
		}
		for _, bad := range []struct {
			in   enforcement.TrainingInput
			want string
		}{
			{enforcement.TrainingInput{HeldOn: "2026-01-15", Course: "", Hours: "2"}, "课程"},
			{enforcement.TrainingInput{HeldOn: "2026-03-03", Course: "明天", Hours: "2"}, "晚于今天"},
			{enforcement.TrainingInput{HeldOn: "2026-01-15", Course: "x", Hours: "0"}, "大于0"},
			{enforcement.TrainingInput{HeldOn: "2026-01-15", Course: "x", Hours: "1.25"}, "一位小数"},
			{enforcement.TrainingInput{HeldOn: "15/01/2026", Course: "x", Hours: "2"}, "培训日期"},
		} {
			if _, err := c.svc.AddTraining(c.ctx, id, bad.in); !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("%+v: %v", bad.in, err)
			}
		}
		o, _ := c.svc.Officer(c.ctx, id)
		st, err := c.svc.TrainingStatuses(c.ctx, []enforcement.Officer{o}, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if s := st[id]; s.Hours != 42.5 || s.Required.Value != 40 || !s.Met() || s.Label() != "达标" {
			t.Fatalf("against 40: %+v", s)
		}
		if err := c.svc.SetSetting(c.as("fazhiban"), "369900", enforcement.SetTrainingHours, 60, "市委发〔2022〕7号（三十八）：每人每年不少于60学时"); err != nil {
			t.Fatal(err)
		}
		st, _ = c.svc.TrainingStatuses(c.ctx, []enforcement.Officer{o}, 2026)
		if s := st[id]; s.Required.Value != 60 || s.Required.FromRegion != "369900" || s.Met() || s.Label() != "未达标" {
			t.Fatalf("against 60: %+v", s)
		}
		list, _ := c.svc.Trainings(c.ctx, id)
		if len(list) != 3 || list[0].HeldOn != "2026-02-20" {
			t.Fatalf("records: %+v", list)
		}
		if err := c.svc.DeleteTrainingOf(c.ctx, id+1, list[0].ID); err == nil {
			t.Fatal("deleted another officer's record")
		}
		if err := c.svc.DeleteTrainingOf(c.ctx, id, list[0].ID); err != nil {
			t.Fatal(err)
		}
		st, _ = c.svc.TrainingStatuses(c.ctx, []enforcement.Officer{o}, 2026)
		if st[id].Hours != 30 {
			t.Fatalf("after delete: %+v", st[id])
		}
	})
}
