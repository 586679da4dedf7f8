package enforcement

import (
	"fmt"
	"strings"
	"time"

	"fazhi/internal/org"
	"fazhi/internal/privacy"
)

// ImportKind is what a file imports.
type ImportKind string

const (
	ImportCases    ImportKind = "cases"    // 行政执法案件
	ImportOfficers ImportKind = "officers" // 执法人员
)

// Label is the kind's Chinese name.
func (k ImportKind) Label() string {
	switch k {
	case ImportCases:
		return "执法案件"
	case ImportOfficers:
		return "执法人员"
	}
	return string(k)
}

// ImportKindOf parses a kind from a form value.
func ImportKindOf(s string) (ImportKind, bool) {
	switch ImportKind(s) {
	case ImportCases, ImportOfficers:
		return ImportKind(s), true
	}
	return "", false
}

// BatchStatus is where an import batch stands. A batch moves checking →
// checked | invalid; checked → saving → saved (or back to checked when the
// write fails); any batch not saved may be discarded.
type BatchStatus string

const (
	BatchChecking  BatchStatus = "checking"
	BatchChecked   BatchStatus = "checked"
	BatchInvalid   BatchStatus = "invalid"
	BatchSaving    BatchStatus = "saving"
	BatchSaved     BatchStatus = "saved"
	BatchDiscarded BatchStatus = "discarded"
)

// Label is the status's Chinese name.
func (s BatchStatus) Label() string {
	switch s {
	case BatchChecking:
		return "检查中"
	case BatchChecked:
		return "待确认"
	case BatchInvalid:
		return "有错误"
	case BatchSaving:
		return "写入中"
	case BatchSaved:
		return "已导入"
	case BatchDiscarded:
		return "已放弃"
	}
	return string(s)
}

// Batch is one uploaded file and what became of it.
type Batch struct {
	ID              int64
	Kind            ImportKind
	UnitID          int64
	UnitName        string
	UnitPath        string
	Filename        string
	Format          string
	Encoding        string
	SizeBytes       int64
	Status          BatchStatus
	TotalRows       int
	ErrorCount      int
	SavedRows       int
	CheckJobID      int64
	SaveJobID       int64
	CreatedByName   string
	ConfirmedByName string
	CreatedAt       time.Time
	CheckedAt       time.Time
	SavedAt         time.Time
}

// ImportIssue is a problem of one cell, row or the file, located as the
// user sees it in Excel: the row number (1 = the first line of the file)
// and the column's header.
type ImportIssue struct {
	Row    int    `json:"row"`
	Column string `json:"col,omitempty"`
	Msg    string `json:"msg"`
}

func (e ImportIssue) String() string {
	switch {
	case e.Row == 0:
		return e.Msg
	case e.Column == "":
		return fmt.Sprintf("第%d行：%s", e.Row, e.Msg)
	}
	return fmt.Sprintf("第%d行“%s”列：%s", e.Row, e.Column, e.Msg)
}

// ImportReport is what the check found: the first rows as they will be
// saved (personal data masked), every error up to MaxReportErrors, and
// warnings (ignored columns).
type ImportReport struct {
	Headers   []string      `json:"headers"`
	Preview   [][]string    `json:"preview"`
	Errors    []ImportIssue `json:"errors"`
	Warnings  []string      `json:"warnings,omitempty"`
	Truncated int           `json:"truncated,omitempty"` // errors found beyond the ones kept
}

// Limits of the report kept with a batch.
const (
	PreviewRows     = 20
	MaxReportErrors = 10000
)

// importCol is a column of an import layout: its header in the template,
// the other headers people use for it, and whether it must be present.
type importCol struct {
	key      string
	header   string
	aliases  []string
	required bool
	help     string // shown on the template's 说明 sheet
}

// headerKey normalises a header for matching: no spaces, half-width
// brackets, no "*" marking required columns.
func headerKey(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", "*", "", "＊", "", " ", "", "\u3000", "", "\t", "",
		"\ufeff", "").Replace(strings.TrimSpace(s))
	return s
}

// ImportColumn describes a column of a layout for the template's notes.
type ImportColumn struct {
	Header   string
	Aliases  []string
	Required bool
	Help     string
}

// ImportLayout lists the columns of a kind in template order.
func ImportLayout(k ImportKind) []ImportColumn {
	var out []ImportColumn
	for _, c := range layoutOf(k) {
		out = append(out, ImportColumn{Header: c.header, Aliases: c.aliases, Required: c.required, Help: c.help})
	}
	return out
}

func layoutOf(k ImportKind) []importCol {
	if k == ImportOfficers {
		return officerCols
	}
	return caseCols
}

var caseCols = []importCol{
	{"case_no", "案号", []string{"案件编号", "立案编号", "案件号"}, true, "如 清市监罚〔2025〕12号；不得与文件内或系统中已有案件重复"},
	{"unit", "执法单位", []string{"执法机关", "办案单位", "执法部门", "单位名称"}, true, "单位全称或简称，须在您的数据范围内"},
	{"subject", "执法主体", nil, false, "已登记的执法主体名称；可空"},
	{"item_code", "事项编码", []string{"执法事项编码", "权力事项编码", "事项代码"}, true, "该单位权责清单中的事项编码"},
	{"category", "案件类别", []string{"事项类别", "类别"}, false, "可空，默认取事项的类别；填写时须与事项一致"},
	{"title", "案由", []string{"案件名称", "案件标题"}, true, ""},
	{"source", "案件来源", []string{"来源"}, false, "检查发现、投诉举报、移送、上级交办等"},
	{"procedure", "程序", []string{"适用程序", "办案程序", "程序类型"}, true, "简易程序 或 普通程序"},
	{"party_kind", "当事人类型", []string{"当事人性质"}, true, "自然人（个人）或 法人或其他组织（单位）"},
	{"party_name", "当事人名称", []string{"当事人", "当事人姓名"}, true, ""},
	{"party_id", "证件号码", []string{"身份证号", "证件号", "统一社会信用代码", "当事人证件号码"}, true, "自然人填18位身份证号，单位填统一社会信用代码；加密保存"},
	{"phone", "联系电话", []string{"电话", "当事人电话"}, false, "加密保存"},
	{"address", "当事人地址", []string{"地址", "住所"}, false, ""},
	{"facts", "违法事实", []string{"主要违法事实"}, false, ""},
	{"found_on", "发现日期", nil, false, "日期可写 2025-03-01、2025/3/1 或 2025年3月1日"},
	{"filed_on", "立案日期", []string{"立案时间"}, true, ""},
	{"officers", "承办人执法证号", []string{"执法人员证号", "承办人证号"}, false, "该单位已登记的执法证号，多个用顿号或分号分隔，第一个为主办人"},
	{"decided_on", "决定日期", []string{"处罚决定日期", "决定时间"}, false, "已作出决定的案件必填"},
	{"decision", "决定类型", []string{"处理结果", "处理决定"}, false, "给予行政处罚、不予行政处罚 或 移送"},
	{"decision_no", "决定书文号", []string{"处罚决定书文号", "文号"}, false, ""},
	{"penalty_text", "处罚内容", []string{"处罚种类", "处罚结果"}, false, "如 警告，罚款3000元"},
	{"fine", "罚款金额(元)", []string{"罚款金额", "罚款(元)", "罚款"}, false, "单位：元，最多两位小数"},
	{"confiscated", "没收金额(元)", []string{"没收金额", "没收违法所得(元)", "没收违法所得", "罚没金额以外没收(元)"}, false, "没收违法所得、非法财物折价，单位：元"},
	{"hearing", "是否听证", []string{"听证"}, false, "是 或 否"},
	{"reviewed", "法制审核", []string{"是否法制审核", "经法制审核"}, false, "是 或 否"},
	{"mobile", "掌上执法", []string{"是否掌上执法", "移动执法"}, false, "是 或 否"},
	{"served_on", "送达日期", nil, false, ""},
	{"paid_on", "缴纳日期", []string{"缴款日期", "罚款缴纳日期"}, false, ""},
	{"state", "状态", []string{"案件状态", "办理状态"}, true, "已立案、调查取证、已告知、听证、法制审核、集体讨论、已决定、已送达、执行中、已结案、不予处罚、已移送、已撤销"},
	{"closed_on", "结案日期", []string{"结案时间"}, false, "已结案、不予处罚、已移送的案件必填"},
}

var officerCols = []importCol{
	{"name", "姓名", []string{"执法人员姓名"}, true, ""},
	{"sex", "性别", nil, false, "可空，按身份证号确定"},
	{"id_number", "身份证号", []string{"身份证号码", "公民身份号码", "证件号码"}, true, "加密保存"},
	{"phone", "联系电话", []string{"电话", "手机"}, false, "加密保存"},
	{"position", "职务", nil, false, ""},
	{"cert_no", "执法证号", []string{"执法证编号", "证件编号", "执法证件号"}, true, "不得与文件内或系统中已登记的执法证号重复"},
	{"cert_authority", "发证机关", nil, true, ""},
	{"law_area", "执法类别", []string{"执法区域", "执法类别/执法区域", "执法类别/区域", "执法门类"}, true, ""},
	{"issued_on", "发证日期", []string{"发证时间"}, true, ""},
	{"valid_until", "有效期至", []string{"有效期", "有效期截止", "证件有效期至"}, true, ""},
	{"status", "状态", []string{"执法证状态", "证件状态"}, false, "在岗、暂扣 或 注销；可空，默认在岗"},
	{"unit", "所属单位", []string{"单位", "工作单位", "执法单位"}, true, "单位全称或简称，须在您的数据范围内"},
	{"subject", "执法主体", nil, false, "该单位已登记的执法主体名称；可空"},
}

// ImportTemplateRows are the header row and one example row of a kind's
// template (fictional data).
func ImportTemplateRows(k ImportKind) (headers []string, example []any) {
	for _, c := range layoutOf(k) {
		headers = append(headers, c.header)
	}
	if k == ImportOfficers {
		example = []any{"王建国", "男", exampleIDNumber(), "13807910000", "执法队员", "JX36990100001", "云岭市人民政府",
			"市场监管", "2024-05-01", "2029-04-30", "在岗", "清溪县市场监督管理局", ""}
		return headers, example
	}
	example = []any{"清市监罚〔2025〕1号", "清溪县市场监督管理局", "", "CF-SC-001", "", "销售过期食品", "检查发现", "普通程序",
		"法人或其他组织", "清溪县某某超市有限公司", exampleCreditCode(), "", "清溪县城关镇某某路1号", "", "2025-03-01",
		"2025-03-02", "", "2025-04-15", "给予行政处罚", "清市监罚〔2025〕1号", "警告，罚款3000元", "3000", "", "否", "否", "是",
		"2025-04-16", "2025-04-30", "已结案", "2025-05-06"}
	return headers, example
}

// exampleIDNumber and exampleCreditCode are valid fictional numbers for the
// template's example rows.
func exampleIDNumber() string {
	first := "36990119850312123"
	c, _ := privacy.IDCheckChar(first)
	return first + string(c)
}

func exampleCreditCode() string {
	first := "91369901MA35R0001"
	c, _ := org.CreditCodeCheckChar(first)
	return first + string(c)
}

// Background job kinds of the import (registered by the app, submitted by
// the import pages with the batch id as params).
const (
	JobImportCheck = "enforcement.import.check"
	JobImportSave  = "enforcement.import.save"
)
