package enforcement_test

import (
	"fmt"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func impOfficerRow(i int) map[string]string {
	return map[string]string{"姓名": "赵" + string([]rune("一二三四五六七八九十")[i%10]), "身份证号": impIDNo("19880808", fmt.Sprintf("%03d", 100+i)),
		"联系电话": "13907910000", "职务": "执法队员", "执法证号": fmt.Sprintf("ZF369901%04d", i), "发证机关": "云岭市人民政府",
		"执法类别": "综合行政执法", "发证日期": "2023/6/1", "有效期至": "2028-05-31", "所属单位": "清溪县综合行政执法局"}
}

// Officers are imported through the registry's own create: sealed 身份证号,
// the certificate's expiry in the deadline monitor (cancelled for 注销),
// duplicates by 执法证号 and 身份证号 refused within the file and against
// the register.
func TestImportOfficers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := []map[string]string{impOfficerRow(0), impOfficerRow(1), impOfficerRow(2), impOfficerRow(3), impOfficerRow(4)}
		rows[2]["状态"] = "注销"
		rows[3]["执法证号"] = rows[0]["执法证号"]                           // row 5: same certificate as row 2
		rows[4]["执法证号"], rows[4]["所属单位"] = c.certs[0], "清溪县市场监督管理局" // row 6: already registered
		table := impTable(enforcement.ImportOfficers, rows)
		_, rep := impCheck(t, c, enforcement.ImportOfficers, "人员.csv", impCSV(t, table))
		got := []string{}
		for _, e := range rep.Errors {
			got = append(got, e.String())
		}
		want := []string{"第5行“执法证号”列：执法证号ZF3699010000与第2行重复", "第6行“执法证号”列：执法证号IMP369901001已登记"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		id, rep := impCheck(t, c, enforcement.ImportOfficers, "人员.xlsx", impXLSX(t, impTable(enforcement.ImportOfficers, rows[:3])))
		if len(rep.Errors) != 0 || rep.Preview[0][0] != "赵*" || !strings.HasSuffix(rep.Preview[0][2], rows[0]["身份证号"][14:]) {
			t.Fatalf("check: %v %v", rep.Errors, rep.Preview)
		}
		ctx := c.as("fazhiban")
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveImport(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
		list, err := c.svc.UnitOfficers(ctx, c.zhzfj)
		if err != nil || len(list) != 3 {
			t.Fatalf("officers: %d %v", len(list), err)
		}
		for q, want := range map[string]int{
			`SELECT COUNT(*) FROM enf_officers WHERE batch_id = ? AND status = 'revoked'`:                          1,
			`SELECT COUNT(*) FROM enf_officers WHERE batch_id = ? AND id_sealed <> '' AND id_sealed NOT LIKE '3%'`: 3,
			`SELECT COUNT(*) FROM deadline_items d JOIN enf_officers o ON d.object_id = ` + impIDText(db) + `
				WHERE d.object_type = 'enf_officer' AND d.status = 'open' AND o.batch_id = ?`: 2,
		} {
			if n := impCount(t, db, q, id); n != want {
				t.Errorf("%s: %d, want %d", q, n, want)
			}
		}
		_, rep = impCheck(t, c, enforcement.ImportOfficers, "再次.csv", impCSV(t, impTable(enforcement.ImportOfficers, rows[:2])))
		if len(rep.Errors) != 4 || !strings.Contains(rep.Errors[1].Msg, "该身份证号已登记在执法证号ZF3699010000的执法人员名下") {
			t.Fatalf("second import: %v", rep.Errors)
		}
	})
}

// impIDText is an officer id as the text deadline items keep.
func impIDText(db *store.DB) string {
	if db.Dialect == store.Postgres {
		return "o.id::text"
	}
	return "CAST(o.id AS TEXT)"
}
