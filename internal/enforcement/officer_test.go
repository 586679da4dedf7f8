package enforcement_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// regIDNo is a valid fictional 身份证号 (江西, born 1985-03-12) with the
// sequence seq (odd: 男).
func regIDNo(seq string) string {
	first := "369901" + "19850312" + seq
	c, _ := privacy.IDCheckChar(first)
	return first + string(c)
}

// regOfficerInput is a valid officer of unit.
func regOfficerInput(unit int64, certNo string) enforcement.OfficerInput {
	return enforcement.OfficerInput{UnitID: unit, Name: "王建国", IDNumber: regIDNo("123"), Phone: "13812345678",
		Position: "科员", CertNo: certNo, CertAuthority: "云岭市人民政府", LawArea: "市场监管（清溪县）",
		IssuedOn: "2024-05-01", ValidUntil: "2026-05-31"}
}

func TestValidateOfficer(t *testing.T) {
	const today = "2026-03-02"
	for _, c := range []struct {
		name   string
		change func(*enforcement.OfficerInput)
		want   string
	}{
		{"valid", func(*enforcement.OfficerInput) {}, ""},
		{"sex from id", func(in *enforcement.OfficerInput) { in.Sex = "" }, ""},
		{"landline", func(in *enforcement.OfficerInput) { in.Phone = "0791-88123456" }, ""},
		{"no phone", func(in *enforcement.OfficerInput) { in.Phone = "" }, ""},
		{"no name", func(in *enforcement.OfficerInput) { in.Name = " " }, "姓名"},
		{"bad id check", func(in *enforcement.OfficerInput) { in.IDNumber = in.IDNumber[:17] + "0" }, "校验位"},
		{"short id", func(in *enforcement.OfficerInput) { in.IDNumber = "36990119850312" }, "18位"},
		{"sex mismatch", func(in *enforcement.OfficerInput) { in.Sex = "女" }, "与身份证号不符"},
		{"bad phone", func(in *enforcement.OfficerInput) { in.Phone = "1381234" + "x" }, "联系电话"},
		{"no cert", func(in *enforcement.OfficerInput) { in.CertNo = "" }, "执法证号"},
		{"cert chars", func(in *enforcement.OfficerInput) { in.CertNo = "赣 001" }, "执法证号"},
		{"no authority", func(in *enforcement.OfficerInput) { in.CertAuthority = "" }, "发证机关"},
		{"no area", func(in *enforcement.OfficerInput) { in.LawArea = "" }, "执法类别"},
		{"bad issued", func(in *enforcement.OfficerInput) { in.IssuedOn = "2024-02-30" }, "发证日期"},
		{"issued future", func(in *enforcement.OfficerInput) { in.IssuedOn = "2026-03-03" }, "晚于今天"},
		{"bad until", func(in *enforcement.OfficerInput) { in.ValidUntil = "2029/04/30" }, "有效期至"},
		{"until before issued", func(in *enforcement.OfficerInput) { in.ValidUntil = "2024-04-30" }, "应晚于发证日期"},
		{"too long", func(in *enforcement.OfficerInput) { in.ValidUntil = "2035-05-02" }, "超过10年"},
	} {
		in := regOfficerInput(1, "36990100001")
		in.Sex = "男"
		c.change(&in)
		err := enforcement.ValidateOfficer(in, today)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("%s: got %v, want …%s…", c.name, err, c.want)
		}
	}
}

func TestOfficerSealedAndUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		in := regOfficerInput(unit, "36990100001")
		id, err := c.svc.CreateOfficer(c.ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var sealedID, phone, index string
		if err := db.Read().QueryRowContext(c.ctx, `SELECT id_sealed, phone_sealed, id_index FROM enf_officers WHERE id = ?`,
			id).Scan(&sealedID, &phone, &index); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(sealedID, in.IDNumber[6:]) || strings.Contains(phone, "12345678") || index == "" {
			t.Fatalf("personal data stored in the clear: %q %q", sealedID, phone)
		}
		var audited string
		_ = db.Read().QueryRowContext(c.ctx, `SELECT summary FROM audit_log WHERE action = 'enforcement.officer.create'`).Scan(&audited)
		if audited == "" || strings.Contains(audited, in.IDNumber) || strings.Contains(audited, "王建国") {
			t.Fatalf("audit summary %q holds personal data or is missing", audited)
		}
		o, _ := c.svc.OfficerPersonal(c.ctx, id, false)
		if o.IDNumber != "" || o.Phone != "" || o.IDMasked != privacy.MaskIDNumber(in.IDNumber) || o.PhoneMasked != "138****5678" || o.Sex != "男" {
			t.Fatalf("masked view: %+v", o)
		}
		o, _ = c.svc.OfficerPersonal(c.ctx, id, true)
		if o.IDNumber != in.IDNumber || o.Phone != in.Phone {
			t.Fatalf("revealed view: %+v", o)
		}
		dup := regOfficerInput(unit, "36990100001")
		dup.IDNumber = regIDNo("135")
		if _, err := c.svc.CreateOfficer(c.ctx, dup); !errors.Is(err, enforcement.ErrConflict) || !strings.Contains(err.Error(), "执法证号") {
			t.Fatalf("duplicate certificate: %v", err)
		}
		same := regOfficerInput(unit, "36990100002")
		same.IDNumber = " " + strings.ToLower(in.IDNumber) + " "
		if _, err := c.svc.CreateOfficer(c.ctx, same); !errors.Is(err, enforcement.ErrConflict) || !strings.Contains(err.Error(), "36990100001") {
			t.Fatalf("duplicate 身份证号: %v", err)
		}
		// Once the first certificate is 注销, the person may hold a new one.
		if err := c.svc.SetOfficerStatus(c.ctx, id, enforcement.OfficerRevoked, "调离执法岗位"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.CreateOfficer(c.ctx, same); err != nil {
			t.Fatalf("new certificate after 注销: %v", err)
		}
		list, _ := c.svc.Officers(c.ctx, enforcement.OfficerFilter{Query: "36990100002"})
		if len(list) != 1 || list[0].IDNumber != "" || list[0].IDMasked == "" {
			t.Fatalf("list: %+v", list)
		}
	})
}

// The certificate's expiry is in the monitor; a renewal completes it and
// registers the new date, 注销 cancels it, status changes are audited.
func TestOfficerExpiryInMonitor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		in := regOfficerInput(unit, "36990100007")
		id, err := c.svc.CreateOfficer(c.ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		items := regCertItems(t, c, id)
		if len(items) != 1 || items[0].Due.String() != "2026-05-31" || items[0].Status != deadline.StatusOpen || items[0].UnitID != unit {
			t.Fatalf("expiry not registered: %+v", items)
		}
		exp, _ := c.svc.ExpiringCerts(c.ctx, "", enforcement.ExpiryWindowDays)
		if len(exp) != 1 || exp[0].ID != id || exp[0].DaysLeft != 90 {
			t.Fatalf("expiring: %+v", exp)
		}
		in.IssuedOn, in.ValidUntil = "2026-03-01", "2031-02-28"
		if err := c.svc.UpdateOfficer(c.ctx, id, in); err != nil {
			t.Fatal(err)
		}
		items = regCertItems(t, c, id)
		if len(items) != 2 || items[0].Due.String() != "2031-02-28" || items[0].Status != deadline.StatusOpen ||
			items[1].Status != deadline.StatusDone {
			t.Fatalf("renewal did not move the deadline: %+v", items)
		}
		if exp, _ := c.svc.ExpiringCerts(c.ctx, "", enforcement.ExpiryWindowDays); len(exp) != 0 {
			t.Fatalf("renewed certificate still expiring: %+v", exp)
		}
		if err := c.svc.SetOfficerStatus(c.ctx, id, enforcement.OfficerSuspended, ""); !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("暂扣 without reason: %v", err)
		}
		if err := c.svc.SetOfficerStatus(c.ctx, id, enforcement.OfficerSuspended, "涉嫌违法执法，暂扣调查"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetOfficerStatus(c.ctx, id, enforcement.OfficerRevoked, "调查属实，注销执法证"); err != nil {
			t.Fatal(err)
		}
		items = regCertItems(t, c, id)
		if items[0].Status != deadline.StatusCancelled {
			t.Fatalf("注销 left the deadline open: %+v", items[0])
		}
		if err := c.svc.SetOfficerStatus(c.ctx, id, enforcement.OfficerActive, ""); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("注销 reversed: %v", err)
		}
		var n int
		_ = db.Read().QueryRowContext(c.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'enforcement.officer.status'
			AND object_id = ?`, regItoa(id)).Scan(&n)
		if n != 2 {
			t.Fatalf("%d status changes audited, want 2", n)
		}
		o, _ := c.svc.Officer(c.ctx, id)
		if o.Status != enforcement.OfficerRevoked || o.StatusNote != "调查属实，注销执法证" {
			t.Fatalf("status: %+v", o)
		}
		if ok, why := o.CanEnforceOn("2026-03-02"); ok || !strings.Contains(why, "注销") {
			t.Fatalf("revoked officer may enforce: %v %s", ok, why)
		}
	})
}

func regCertItems(t *testing.T, c *county, id int64) []deadline.Item {
	t.Helper()
	items, err := c.dl.ItemsOf(c.ctx, enforcement.ObjectOfficer, regItoa(id))
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func regItoa(id int64) string { return strconv.FormatInt(id, 10) }
