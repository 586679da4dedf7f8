package enforcement_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestParseImportDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-03-01": "2025-03-01", "2025/3/1": "2025-03-01", "2025.3.1": "2025-03-01", "2025年3月1日": "2025-03-01",
		"20250301": "2025-03-01", "2025-03-01 00:00:00": "2025-03-01", "03-01-25": "2025-03-01", "45717": "2025-03-01",
		" 2024-02-29 ": "2024-02-29", "2025-02-29": "", "2025-13-01": "", "三月一日": "", "": "", "2025-3": "", "1800-01-01": "",
	} {
		got, ok := enforcement.ParseImportDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseImportDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// An XLSX of 1 000 cases with exactly three bad rows: the report names
// exactly those rows (as Excel numbers them: the header is row 1), their
// columns and reasons, and nothing is saved.
func TestImportXLSXNamesExactlyTheBadRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 1000)
		for i := range rows {
			rows[i] = impCaseRow(i)
		}
		rows[16]["证件号码"] = impIDNo("19900101", "016")[:17] + "0" // Excel row 18: check character
		if rows[16]["证件号码"] == impIDNo("19900101", "016") {
			rows[16]["证件号码"] = impIDNo("19900101", "016")[:17] + "1"
		}
		rows[499]["事项编码"] = "CF-SC-999"  // row 501: not in the unit's list
		rows[998]["决定日期"] = "2025-03-01" // row 1000: decided before filing
		_, rep := impCheck(t, c, enforcement.ImportCases, "案件.xlsx", impXLSX(t, impTable(enforcement.ImportCases, rows)))
		want := []struct {
			row      int
			col, msg string
		}{
			{18, "证件号码", "身份证号校验位错误"},
			{501, "事项编码", "事项编码CF-SC-999不在清溪县市场监督管理局的权责清单中"},
			{1000, "决定日期", "决定日期2025-03-01早于立案日期2025-03-03"},
		}
		if len(rep.Errors) != len(want) {
			t.Fatalf("errors: %v", rep.Errors)
		}
		for i, w := range want {
			e := rep.Errors[i]
			if e.Row != w.row || e.Column != w.col || !strings.Contains(e.Msg, w.msg) {
				t.Errorf("error %d = %s; want row %d, column %s, %s", i, e, w.row, w.col, w.msg)
			}
		}
		if len(rep.Preview) != enforcement.PreviewRows || rep.Preview[0][0] != "2" || strings.Contains(rep.Preview[0][6], "19900101") {
			t.Errorf("preview: %v", rep.Preview[0])
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases`); n != 0 {
			t.Fatalf("%d cases saved by a check", n)
		}
	})
}

// A clean file is checked, not saved until confirmed, then saved in full:
// cases with the batch, an "imported" event each, sealed 身份证号, officers
// and 法制审核 records; the same file again is refused as duplicates.
func TestImportConfirmSavesTheWholeBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 600)
		for i := range rows {
			rows[i] = impCaseRow(i)
		}
		data := impCSV(t, impTable(enforcement.ImportCases, rows))
		id, rep := impCheck(t, c, enforcement.ImportCases, "案件.csv", data)
		b, _ := c.svc.ImportBatch(c.ctx, id)
		if len(rep.Errors) != 0 || b.Status != enforcement.BatchChecked || b.TotalRows != 600 {
			t.Fatalf("check: %s %d rows, %v", b.Status, b.TotalRows, rep.Errors)
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases`); n != 0 {
			t.Fatalf("%d cases saved before confirmation", n)
		}
		ctx := c.as("fazhiban")
		if _, err := c.svc.SaveImport(ctx, id, nil); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("save without confirmation: %v", err)
		}
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveImport(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
		b, _ = c.svc.ImportBatch(ctx, id)
		if b.Status != enforcement.BatchSaved || b.SavedRows != 600 {
			t.Fatalf("batch after save: %s %d", b.Status, b.SavedRows)
		}
		for q, want := range map[string]int{
			`SELECT COUNT(*) FROM enf_cases WHERE batch_id = ?`:                                                                      600,
			`SELECT COUNT(*) FROM enf_case_events e JOIN enf_cases c ON c.id = e.case_id WHERE c.batch_id = ? AND e.step = 'import'`: 600,
			`SELECT COUNT(*) FROM enf_case_officers o JOIN enf_cases c ON c.id = o.case_id WHERE c.batch_id = ?`:                     600,
			`SELECT COUNT(*) FROM enf_legal_reviews r JOIN enf_cases c ON c.id = r.case_id WHERE c.batch_id = ?`:                     300,
			`SELECT COUNT(*) FROM enf_cases WHERE batch_id = ? AND major AND fine_fen = 500050 AND confiscated_fen = 12000`:          300,
			// Each company case (odd rows) has its own two officers, the first
			// certificate as 主办, and its 法制审核 record; no person's case has any.
			`SELECT COUNT(*) FROM enf_case_officers o JOIN enf_cases c ON c.id = o.case_id JOIN enf_officers f ON f.id = o.officer_id
				WHERE c.batch_id = ? AND c.party_kind = 'org' AND (o.role = 'lead') = (f.cert_no = 'IMP369901001')`: 600,
			`SELECT COUNT(DISTINCT r.case_id) FROM enf_legal_reviews r JOIN enf_cases c ON c.id = r.case_id
				WHERE c.batch_id = ? AND c.party_kind = 'org' AND c.major`: 300,
			`SELECT COUNT(*) FROM enf_import_batches WHERE id = ? AND content = ''`: 1,
		} {
			if n := impCount(t, db, q, id); n != want {
				t.Errorf("%s: %d, want %d", q, n, want)
			}
		}
		var sealed, index string
		if err := db.Read().QueryRowContext(ctx, `SELECT party_id_sealed, party_id_index FROM enf_cases WHERE case_no = ?`,
			"清市监罚〔2025〕1号").Scan(&sealed, &index); err != nil {
			t.Fatal(err)
		}
		plain, err := c.svc.Cipher.Open(sealed)
		if err != nil || plain != impIDNo("19900101", "000") || index != c.svc.Cipher.Index(plain) {
			t.Fatalf("sealed party id: %q %v", plain, err)
		}
		_, rep = impCheck(t, c, enforcement.ImportCases, "再次导入.csv", data)
		if len(rep.Errors) != 600 || rep.Errors[0].Row != 2 || !strings.Contains(rep.Errors[0].Msg, "已存在于系统中") {
			t.Fatalf("second import: %d errors, first %v", len(rep.Errors), rep.Errors[:1])
		}
	})
}

// Duplicate case numbers within a file name the earlier row.
func TestImportDuplicateCaseNumbersInFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := []map[string]string{impCaseRow(0), impCaseRow(1), impCaseRow(2)}
		rows[2]["案号"] = rows[0]["案号"]
		_, rep := impCheck(t, c, enforcement.ImportCases, "重复.csv", impCSV(t, impTable(enforcement.ImportCases, rows)))
		if len(rep.Errors) != 1 || rep.Errors[0].String() != "第4行“案号”列：案号清市监罚〔2025〕1号与第2行重复" {
			t.Fatalf("errors: %v", rep.Errors)
		}
	})
}

// CSV as Chinese Excel saves it (GBK), with a title line above the header,
// columns in another order and under other names; UTF-8 with a BOM too.
func TestImportCSVEncodings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		r := impCaseRow(1)
		text := "清溪县市场监督管理局2025年案件台账,,\n" +
			"状态,结案日期,案件编号,执法机关,事项编码,案件名称,程序,当事人类型,当事人,证件号码,立案日期,决定日期,处理结果,罚款金额（元）,备注\n" +
			fmt.Sprintf("已结案,2025/5/6,%s,清溪县市场监督管理局,CF-SC-001,%s,普通程序,单位,%s,%s,2025年3月3日,2025-04-01,给予行政处罚,3000,无\n",
				r["案号"], r["案由"], r["当事人名称"], r["证件号码"])
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{"gbk.csv": []byte(gbk), "bom.csv": append([]byte("\xEF\xBB\xBF"), text...)} {
			id, rep := impCheck(t, c, enforcement.ImportCases, name, data)
			b, _ := c.svc.ImportBatch(c.ctx, id)
			if len(rep.Errors) != 0 || b.TotalRows != 1 || len(rep.Preview) != 1 {
				t.Fatalf("%s: %v", name, rep.Errors)
			}
			if p := rep.Preview[0]; p[0] != "3" || p[5] != r["当事人名称"] || p[10] != "3000.00" || p[13] != "2025-05-06" {
				t.Errorf("%s preview: %v", name, p)
			}
			if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "备注") {
				t.Errorf("%s warnings: %v", name, rep.Warnings)
			}
			if want := map[string]string{"gbk.csv": enforcement.EncGB18030, "bom.csv": enforcement.EncUTF8BOM}[name]; b.Encoding != want {
				t.Errorf("%s encoding %s", name, b.Encoding)
			}
		}
	})
}

// The rules between fields, each named by row and column.
func TestImportCaseRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		edits := []struct {
			name string
			edit func(r map[string]string)
			want string
		}{
			{"simple fine", func(r map[string]string) { r["罚款金额(元)"] = "500" }, "“罚款金额(元)”列：简易程序对公民罚款不得超过200.00元"},
			{"unit out of scope", func(r map[string]string) { r["执法单位"] = "外县市场监督管理局" }, "“执法单位”列：找不到单位“外县市场监督管理局”"},
			{"money", func(r map[string]string) { r["罚款金额(元)"] = "二百" }, "“罚款金额(元)”列：金额“二百”格式有误"},
			{"state label", func(r map[string]string) { r["状态"] = "已完结" }, "“状态”列：状态“已完结”无法识别"},
			{"no decision yet", func(r map[string]string) { r["状态"] = "调查取证" }, "“决定类型”列：状态为“调查取证”的案件尚未作出决定"},
			{"closed without date", func(r map[string]string) { r["结案日期"] = "" }, "“结案日期”列：状态为“已结案”的案件应填写结案日期"},
			{"future", func(r map[string]string) { r["立案日期"] = "2026-03-03" }, "“立案日期”列：日期2026-03-03晚于今天"},
			{"officer", func(r map[string]string) { r["承办人执法证号"] = "NOPE001" }, "“承办人执法证号”列：执法证号NOPE001不是清溪县市场监督管理局已登记的执法人员"},
			{"party kind", func(r map[string]string) { r["当事人类型"] = "外国人" }, "“当事人类型”列：当事人类型“外国人”无法识别"},
		}
		for _, e := range edits {
			r := impCaseRow(0)
			e.edit(r)
			_, rep := impCheck(t, c, enforcement.ImportCases, e.name+".csv", impCSV(t, impTable(enforcement.ImportCases, []map[string]string{r})))
			if len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0].String(), "第2行"+e.want) {
				t.Errorf("%s: %v", e.name, rep.Errors)
			}
		}
		// A missing required column is named on the header row.
		table := impTable(enforcement.ImportCases, []map[string]string{impCaseRow(0)})
		for i, h := range table[0] {
			if h == "立案日期" {
				table[0][i] = "日期"
			}
		}
		_, rep := impCheck(t, c, enforcement.ImportCases, "缺列.csv", impCSV(t, table))
		if len(rep.Errors) == 0 || rep.Errors[0].String() != "第1行“立案日期”列：缺少必填的列" {
			t.Errorf("missing column: %v", rep.Errors)
		}
	})
}

// A failure in the middle of the write (here: the job is cancelled after
// thousands of rows went into the transaction) leaves nothing behind, and
// the batch can be confirmed again and saved in full.
func TestImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 5000)
		for i := range rows {
			rows[i] = impCaseRow(i)
		}
		id, rep := impCheck(t, c, enforcement.ImportCases, "大批量.csv", impCSV(t, impTable(enforcement.ImportCases, rows)))
		if len(rep.Errors) != 0 {
			t.Fatal(rep.Errors)
		}
		ctx, cancel := context.WithCancel(c.as("fazhiban"))
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		p := &impCancelAt{at: 3000, cancel: cancel}
		if _, err := c.svc.SaveImport(ctx, id, p); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled save: %v", err)
		}
		if p.seen < 3000 {
			t.Fatalf("cancelled after %d rows only", p.seen)
		}
		for _, q := range []string{`SELECT COUNT(*) FROM enf_cases`, `SELECT COUNT(*) FROM enf_case_events`,
			`SELECT COUNT(*) FROM enf_case_officers`, `SELECT COUNT(*) FROM enf_legal_reviews`,
			`SELECT COUNT(*) FROM audit_log WHERE action = 'enforcement.import.save'`} {
			if n := impCount(t, db, q); n != 0 {
				t.Errorf("%s after a failed write: %d", q, n)
			}
		}
		b, _ := c.svc.ImportBatch(c.ctx, id)
		if b.Status != enforcement.BatchSaving || b.SavedRows != 0 {
			t.Fatalf("batch after failed write: %s", b.Status)
		}
		ctx = c.as("fazhiban")
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveImport(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases WHERE batch_id = ?`, id); n != 5000 {
			t.Fatalf("after the retry: %d cases", n)
		}
	})
}

type impCancelAt struct {
	at, seen int
	cancel   func()
}

func (p *impCancelAt) Set(done, total int, msg string) {
	p.seen = max(p.seen, done)
	if done >= p.at && strings.Contains(msg, "写入") {
		p.cancel()
	}
}

// Nothing is saved while a batch waits for confirmation; discarding drops
// the file.
func TestImportDiscard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		id, _ := impCheck(t, c, enforcement.ImportCases, "x.csv", impCSV(t, impTable(enforcement.ImportCases,
			[]map[string]string{impCaseRow(0)})))
		ctx := c.as("fazhiban")
		if err := c.svc.DiscardImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.ConfirmImport(ctx, id); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("confirm a discarded batch: %v", err)
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_import_batches WHERE id = ? AND content = '' AND status = 'discarded'`, id); n != 1 {
			t.Fatal("file kept after discarding")
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases`); n != 0 {
			t.Fatalf("%d cases", n)
		}
	})
}

func TestImportRefusesOldExcel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		_, err := c.svc.CreateImportBatch(c.as("fazhiban"), enforcement.ImportCases, c.gov, "台账.xls",
			bytes.Repeat([]byte{0xD0, 0xCF, 0x11, 0xE0}, 4))
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), "另存为 .xlsx 或 CSV") {
			t.Fatalf("xls: %v", err)
		}
	})
}

// The save checks every row again while it writes: a case number recorded
// since the check, in the file's last row, is found after thousands of rows
// have gone into the transaction, and none of them stays.
func TestImportSaveRecheckFindsLateDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 3000)
		for i := range rows {
			rows[i] = impCaseRow(i)
		}
		id, rep := impCheck(t, c, enforcement.ImportCases, "大批量.csv", impCSV(t, impTable(enforcement.ImportCases, rows)))
		if len(rep.Errors) != 0 {
			t.Fatal(rep.Errors)
		}
		ctx := c.as("fazhiban")
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		// Meanwhile another batch records the last row's case.
		other, rep := impCheck(t, c, enforcement.ImportCases, "补录.csv",
			impCSV(t, impTable(enforcement.ImportCases, rows[len(rows)-1:])))
		if len(rep.Errors) != 0 {
			t.Fatal(rep.Errors)
		}
		if err := c.svc.ConfirmImport(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveImport(ctx, other, nil); err != nil {
			t.Fatal(err)
		}
		_, err := c.svc.SaveImport(ctx, id, nil)
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), "重新检查发现1处问题") ||
			!strings.Contains(err.Error(), "第3001行") {
			t.Fatalf("save after the late duplicate: %v", err)
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases WHERE batch_id = ?`, id); n != 0 {
			t.Fatalf("%d cases of the refused batch saved", n)
		}
		if n := impCount(t, db, `SELECT COUNT(*) FROM enf_cases`); n != 1 {
			t.Fatalf("%d cases in all, want the other batch's one", n)
		}
		rep, err = c.svc.ImportReportOf(ctx, id)
		if err != nil || len(rep.Errors) != 1 || rep.Errors[0].Row != 3001 || !strings.Contains(rep.Errors[0].Msg, "已存在于系统中") {
			t.Fatalf("report after the refused save: %v %v", rep.Errors, err)
		}
	})
}

// A file whose rows are mostly in error still reports its progress as the
// check goes (not only at the end), and names every bad row once, in order.
func TestImportCheckProgressThroughBadRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 4000)
		for i := range rows {
			rows[i] = impCaseRow(i)
			if i%10 != 0 {
				rows[i]["执法单位"] = "清溪县不存在局"
			}
		}
		ctx := c.as("fazhiban")
		id, err := c.svc.CreateImportBatch(ctx, enforcement.ImportCases, c.gov, "多错.csv",
			impCSV(t, impTable(enforcement.ImportCases, rows)))
		if err != nil {
			t.Fatal(err)
		}
		p := &impProgress{}
		if _, err := c.svc.CheckImport(ctx, id, p); err != nil {
			t.Fatal(err)
		}
		var during []int
		for _, d := range p.done {
			if d > 0 && d < 4000 {
				during = append(during, d)
			}
		}
		if len(during) < 3 {
			t.Errorf("progress during the check: %v", p.done)
		}
		rep, err := c.svc.ImportReportOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Errors)+rep.Truncated != 3600 {
			t.Fatalf("%d errors (+%d not listed), want 3600", len(rep.Errors), rep.Truncated)
		}
		for k, e := range rep.Errors {
			if want := k + 3 + k/9; e.Row != want || e.Column != "执法单位" {
				t.Fatalf("error %d = %s; want row %d, column 执法单位", k, e, want)
			}
		}
	})
}

type impProgress struct{ done []int }

func (p *impProgress) Set(done, total int, msg string) { p.done = append(p.done, done) }
