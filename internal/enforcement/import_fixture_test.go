package enforcement_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/org"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
	"fazhi/internal/xlsx"
)

// impCounty is the county fixture with what imports resolve against: a
// published 权责清单 for the 市场监督管理局 (CF-SC-001 general, CF-SC-002
// 重大) and the 综合行政执法局 (ZF-001), and two officers of the 市场监督管理局.
type impCounty struct {
	*county
	scjgj, zhzfj, gov int64
	certs             []string
}

func impSetup(t *testing.T, db *store.DB) *impCounty {
	t.Helper()
	c := &impCounty{county: newCounty(t, db)}
	c.scjgj, c.zhzfj, c.gov = c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"], c.units["清溪县人民政府"]
	impPublish(t, c.county, c.scjgj, impItem("CF-SC-001", false), impItem("CF-SC-002", true))
	impPublish(t, c.county, c.zhzfj, impItem("ZF-001", false))
	for i, name := range []string{"李明", "张华"} {
		cert := fmt.Sprintf("IMP3699010%02d", i+1)
		_, err := c.svc.CreateOfficer(c.ctx, enforcement.OfficerInput{UnitID: c.scjgj, Name: name,
			IDNumber: impIDNo("19800105", fmt.Sprintf("%03d", 11+2*i)), CertNo: cert, CertAuthority: "云岭市人民政府",
			LawArea: "市场监管", IssuedOn: "2022-01-10", ValidUntil: "2027-01-09"})
		if err != nil {
			t.Fatal(err)
		}
		c.certs = append(c.certs, cert)
	}
	return c
}

func impItem(code string, major bool) enforcement.ItemInput {
	return enforcement.ItemInput{Code: code, Name: "销售不符合食品安全标准的食品（" + code + "）", Category: enforcement.CatPenalty,
		Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条", Major: major, Hearing: true}
}

func impPublish(t *testing.T, c *county, unit int64, items ...enforcement.ItemInput) {
	t.Helper()
	draft, err := c.svc.NewListDraft(c.ctx, unit, "初版")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if _, err := c.svc.SaveItem(c.ctx, draft, it); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.svc.PublishList(c.ctx, draft); err != nil {
		t.Fatal(err)
	}
}

// impIDNo is a valid fictional 身份证号 of the county (region 369901).
func impIDNo(birth, seq string) string {
	first := "369901" + birth + seq
	ch, _ := privacy.IDCheckChar(first)
	return first + string(ch)
}

// impCreditCode is a valid fictional 统一社会信用代码 numbered n.
func impCreditCode(n int) string {
	first := fmt.Sprintf("91369901MA%07d", n)
	ch, _ := org.CreditCodeCheckChar(first)
	return first + string(ch)
}

// impCaseRow is a valid closed case numbered i, keyed by template header.
// Even rows are people (fined 200 元 under 简易程序), odd rows companies
// (普通程序, fined and with 法制审核 on the 重大 item).
func impCaseRow(i int) map[string]string {
	r := map[string]string{"案号": fmt.Sprintf("清市监罚〔2025〕%d号", i+1), "执法单位": "清溪县市场监督管理局",
		"事项编码": "CF-SC-001", "案由": "销售过期食品", "案件来源": "检查发现", "立案日期": "2025-03-03",
		"决定日期": "2025-04-01", "决定类型": "给予行政处罚", "处罚内容": "警告，罚款", "状态": "已结案", "结案日期": "2025-05-06",
		"送达日期": "2025-04-02", "缴纳日期": "2025-04-20", "掌上执法": "是"}
	if i%2 == 0 {
		r["程序"], r["当事人类型"], r["当事人名称"] = "简易程序", "自然人", "王小二"
		r["证件号码"], r["罚款金额(元)"], r["联系电话"] = impIDNo("19900101", fmt.Sprintf("%03d", i%1000)), "200", "13807910001"
	} else {
		r["程序"], r["当事人类型"], r["当事人名称"] = "普通程序", "法人或其他组织", fmt.Sprintf("清溪县某某超市%d号店", i)
		r["证件号码"], r["罚款金额(元)"], r["没收金额(元)"] = impCreditCode(i), "5000.50", "120"
		r["事项编码"], r["法制审核"], r["承办人执法证号"] = "CF-SC-002", "是", "IMP369901001、IMP369901002"
	}
	return r
}

// impTable lays rows out under the template's headers.
func impTable(kind enforcement.ImportKind, rows []map[string]string) [][]string {
	headers, _ := enforcement.ImportTemplateRows(kind)
	out := [][]string{headers}
	for _, r := range rows {
		line := make([]string, len(headers))
		for j, h := range headers {
			line[j] = r[h]
		}
		out = append(out, line)
	}
	return out
}

func impCSV(t *testing.T, table [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(table); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func impXLSX(t *testing.T, table [][]string) []byte {
	t.Helper()
	rows := make([][]any, len(table)-1)
	for i, r := range table[1:] {
		rows[i] = make([]any, len(r))
		for j, v := range r {
			rows[i][j] = v
		}
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, xlsx.Table{Sheet: "案件", Headers: table[0], Rows: rows}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// impCheck uploads data as a batch and runs its check.
func impCheck(t *testing.T, c *impCounty, kind enforcement.ImportKind, name string, data []byte) (int64, enforcement.ImportReport) {
	t.Helper()
	ctx := c.as("fazhiban")
	id, err := c.svc.CreateImportBatch(ctx, kind, c.gov, name, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.svc.CheckImport(ctx, id, nil); err != nil {
		t.Fatal(err)
	}
	rep, err := c.svc.ImportReportOf(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return id, rep
}

func impCount(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
