package report

import "strings"

// Area is one subsection of part 一 (主要举措和成效): the seeds' reports
// group the year's work by these areas, and the ledger's groups map onto
// them. Groups lists the metric groups whose figures it reports; Keywords
// place plan tasks (by chapter and title) and new metric groups in it.
type Area struct {
	Key      string
	Heading  string
	Groups   []string
	Keywords []string
}

// Areas in the order part 一 lists them (after 法治政府建设实施纲要 2021–2025).
var Areas = []Area{
	{Key: "lead", Heading: "加强党的领导，统筹推进法治政府建设", Groups: []string{"规划督办"},
		Keywords: []string{"党的领导", "习近平法治思想", "统筹", "督察", "考核", "示范创建", "组织领导", "责任落实"}},
	{Key: "functions", Heading: "依法全面履行政府职能", Groups: []string{"政务服务"},
		Keywords: []string{"政府职能", "职能", "放管服", "营商环境", "审批", "权责清单", "证明事项", "政务服务", "数字政府", "监管"}},
	{Key: "normdoc", Heading: "完善依法行政制度体系，加强行政规范性文件管理", Groups: []string{"规范性文件"},
		Keywords: []string{"规范性文件", "制度体系", "备案审查", "清理", "立法", "规章"}},
	{Key: "decision", Heading: "推进行政决策科学化、民主化、法治化", Groups: []string{"合同与决策", "法律顾问与公职律师"},
		Keywords: []string{"决策", "法律顾问", "公职律师", "合同", "合法性审查", "合法性审核"}},
	{Key: "enforce", Heading: "坚持严格规范公正文明执法", Groups: []string{"行政执法"},
		Keywords: []string{"执法", "三项制度", "处罚", "检查", "双随机", "裁量", "案卷", "两法衔接"}},
	{Key: "oversight", Heading: "强化对行政权力的制约和监督", Groups: []string{"建议提案"},
		Keywords: []string{"制约", "监督", "人大代表建议", "政协提案", "审计", "问责"}},
	{Key: "open", Heading: "全面推进政务公开", Groups: []string{"政务公开"},
		Keywords: []string{"政务公开", "信息公开", "公开"}},
	{Key: "review", Heading: "加强行政复议和行政应诉工作", Groups: []string{"行政复议与应诉"},
		Keywords: []string{"复议", "应诉", "诉讼", "出庭", "司法建议", "检察建议", "败诉"}},
	{Key: "dispute", Heading: "依法有效化解社会矛盾纠纷", Groups: []string{"矛盾纠纷化解"},
		Keywords: []string{"矛盾", "纠纷", "调解", "信访", "仲裁", "矛调"}},
	{Key: "training", Heading: "加强法治宣传教育和法治工作队伍建设", Groups: []string{"学法培训"},
		Keywords: []string{"学法", "普法", "培训", "法治宣传", "法治文化", "队伍", "法治素养"}},
}

// OtherArea holds figures of groups no area names or matches.
var OtherArea = Area{Key: "other", Heading: "其他工作"}

// AreaByKey returns an area (OtherArea for "other").
func AreaByKey(key string) (Area, bool) {
	for _, a := range Areas {
		if a.Key == key {
			return a, true
		}
	}
	if key == OtherArea.Key {
		return OtherArea, true
	}
	return Area{}, false
}

// AreaForGroup places a metric group: an area that lists it, else the area
// whose keywords the group name mentions most, else OtherArea. So a group
// another capability registers later (执法监督, 行政检查 …) still lands in
// the right part of the report.
func AreaForGroup(group string) string {
	for _, a := range Areas {
		for _, g := range a.Groups {
			if g == group {
				return a.Key
			}
		}
	}
	if key := bestArea(group, ""); key != "" {
		return key
	}
	return OtherArea.Key
}

// AreaForTask places a plan task by its chapter heading and title; a task
// nothing matches goes to the first area (统筹推进).
func AreaForTask(chapter, title string) string {
	if key := bestArea(title, chapter); key != "" {
		return key
	}
	return Areas[0].Key
}

// bestArea scores every area by the keywords primary (weight 2) and
// secondary (weight 1) contain; longer keywords count more so that
// 行政规范性文件 beats 行政. Ties go to the earlier area.
func bestArea(primary, secondary string) string {
	best, bestScore := "", 0
	for _, a := range Areas {
		score := 0
		for _, k := range a.Keywords {
			w := len([]rune(k))
			if strings.Contains(primary, k) {
				score += 2 * w
			}
			if secondary != "" && strings.Contains(secondary, k) {
				score += w
			}
		}
		if score > bestScore {
			best, bestScore = a.Key, score
		}
	}
	return best
}
