package demo

import (
	"context"
	"fmt"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
)

// enforcing departments of the demo with their 执法主体, 发证机关 and power
// list (three to four items each, with 裁量基准). Every figure and name is
// invented for the demo; the legal bases are real laws, cited loosely.
type enfDept struct {
	unit, code, area string
	officers, posts  int
	items            []enforcement.ItemInput
}

func yuan(n int64) *int64 { f := n * 100; return &f }

func fines(general [2]int64, rows ...enforcement.DiscretionInput) []enforcement.DiscretionInput {
	out := []enforcement.DiscretionInput{
		{Circumstance: "首次违法且危害后果轻微并及时改正", Level: enforcement.LevelNone, ListKind: "exempt"},
		{Circumstance: "主动消除或者减轻违法行为危害后果", Level: enforcement.LevelLighter, MinFen: yuan(general[0]), MaxFen: yuan((general[0] + general[1]) / 2), ListKind: "lenient"},
		{Circumstance: "一般违法情节", Level: enforcement.LevelGeneral, MinFen: yuan((general[0] + general[1]) / 2), MaxFen: yuan(general[1])},
	}
	return append(out, rows...)
}

var enfDepts = []enfDept{
	{unit: "清溪县市场监督管理局", code: "SJ", area: "市场监管", officers: 8, posts: 9, items: []enforcement.ItemInput{
		{Code: "330217001000", Name: "对销售不符合食品安全标准的食品的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条",
			Major: true, Hearing: true, Collective: true, Discretion: fines([2]int64{50000, 100000},
				enforcement.DiscretionInput{Circumstance: "货值金额一万元以上或造成危害后果", Level: enforcement.LevelHeavier, MinFen: yuan(100000), MaxFen: yuan(500000), Other: "没收违法所得"})},
		{Code: "330217002000", Name: "对未取得食品经营许可从事食品经营活动的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》", Article: "第一百二十二条",
			Hearing: true, Discretion: fines([2]int64{50000, 100000})},
		{Code: "330217003000", Name: "对经营者未明码标价的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国价格法》", Article: "第四十二条",
			Discretion: fines([2]int64{1000, 5000})},
		{Code: "330217004000", Name: "食品经营许可", Category: enforcement.CatLicense, Law: "《中华人民共和国食品安全法》", Article: "第三十五条"},
		{Code: "330217005000", Name: "对食品生产经营者的监督检查", Category: enforcement.CatInspection, Law: "《中华人民共和国食品安全法》", Article: "第一百一十条"},
	}},
	{unit: "清溪县综合行政执法局", code: "ZF", area: "综合行政执法", officers: 10, posts: 12, items: []enforcement.ItemInput{
		{Code: "330219001000", Name: "对擅自设置户外广告设施的处罚", Category: enforcement.CatPenalty, Law: "《城市市容和环境卫生管理条例》", Article: "第三十六条",
			Discretion: fines([2]int64{500, 5000})},
		{Code: "330219002000", Name: "对未经批准擅自占用城市道路的处罚", Category: enforcement.CatPenalty, Law: "《城市道路管理条例》", Article: "第四十二条",
			Discretion: fines([2]int64{1000, 20000})},
		{Code: "330219003000", Name: "对违法建设的查处", Category: enforcement.CatPenalty, Law: "《中华人民共和国城乡规划法》", Article: "第六十四条",
			Major: true, Hearing: true, Collective: true, Discretion: fines([2]int64{10000, 100000})},
		{Code: "330219004000", Name: "查封、扣押违法物品", Category: enforcement.CatCoercion, Law: "《中华人民共和国行政强制法》", Article: "第九条"},
	}},
	{unit: "清溪县生态环境分局", code: "HJ", area: "生态环境", officers: 5, posts: 6, items: []enforcement.ItemInput{
		{Code: "330220001000", Name: "对超标排放大气污染物的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国大气污染防治法》", Article: "第九十九条",
			Major: true, Hearing: true, Discretion: fines([2]int64{100000, 1000000})},
		{Code: "330220002000", Name: "对未批先建建设项目的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国环境影响评价法》", Article: "第三十一条",
			Major: true, Hearing: true, Collective: true, Discretion: fines([2]int64{50000, 200000})},
		{Code: "330220003000", Name: "对排污单位的现场检查", Category: enforcement.CatInspection, Law: "《中华人民共和国环境保护法》", Article: "第二十四条"},
	}},
	{unit: "清溪县交通运输局", code: "JT", area: "交通运输", officers: 6, posts: 6, items: []enforcement.ItemInput{
		{Code: "330221001000", Name: "对未取得道路运输经营许可擅自从事道路运输经营的处罚", Category: enforcement.CatPenalty, Law: "《中华人民共和国道路运输条例》", Article: "第六十三条",
			Hearing: true, Discretion: fines([2]int64{10000, 100000})},
		{Code: "330221002000", Name: "对超限运输车辆的处罚", Category: enforcement.CatPenalty, Law: "《公路安全保护条例》", Article: "第六十四条",
			Discretion: fines([2]int64{500, 30000})},
		{Code: "330221003000", Name: "道路运输经营许可", Category: enforcement.CatLicense, Law: "《中华人民共和国道路运输条例》", Article: "第十条"},
	}},
	{unit: "清溪县文化和旅游局", code: "WL", area: "文化旅游", officers: 4, posts: 5, items: []enforcement.ItemInput{
		{Code: "330222001000", Name: "对擅自从事营业性演出经营活动的处罚", Category: enforcement.CatPenalty, Law: "《营业性演出管理条例》", Article: "第四十三条",
			Discretion: fines([2]int64{50000, 100000})},
		{Code: "330222002000", Name: "对网吧接纳未成年人的处罚", Category: enforcement.CatPenalty, Law: "《互联网上网服务营业场所管理条例》", Article: "第三十一条",
			Discretion: fines([2]int64{5000, 15000})},
	}},
}

// EnforcementRegistry gives the demo's enforcing departments their 执法主体,
// 执法人员 (some certificates about to expire, one expired, one 暂扣),
// training records (some below the requirement), 执法岗位 headcounts and a
// published 权责清单 with 裁量基准. The city sets 60 学时 a year.
func (s *Seeder) EnforcementRegistry(ctx context.Context, svc *enforcement.Service) error {
	ctx = audit.WithActor(ctx, s.planActor(ctx))
	if err := svc.SetSetting(ctx, cityCode, enforcement.SetTrainingHours, 60, "云岭市行政执法人员培训办法：每人每年不少于60学时"); err != nil {
		return fmt.Errorf("training setting: %w", err)
	}
	today := svc.Now().In(cst).Format("2006-01-02")
	year := svc.Now().In(cst).Year()
	for di, d := range enfDepts {
		u, ok := s.units[d.unit]
		if !ok {
			return fmt.Errorf("demo unit %s missing", d.unit)
		}
		subj, err := svc.CreateSubject(ctx, enforcement.SubjectInput{UnitID: u.ID, Name: d.unit, Kind: enforcement.SubjectAuthority,
			LegalBasis: "清溪县机构编制委员会《关于" + d.unit + "职能配置、内设机构和人员编制规定》", Scope: d.area + "领域行政处罚、行政许可、行政检查、行政强制", Active: true})
		if err != nil {
			return fmt.Errorf("subject %s: %w", d.unit, err)
		}
		if err := svc.SetUnitPosts(ctx, u.ID, d.posts, "清溪县编办核定执法岗位数（演示数据）"); err != nil {
			return err
		}
		for i := 0; i < d.officers; i++ {
			if err := s.demoOfficer(ctx, svc, d, di, i, u.ID, subj, today, year); err != nil {
				return err
			}
		}
		list, err := svc.NewListDraft(ctx, u.ID, "2026年权责清单动态调整")
		if err != nil {
			return err
		}
		for i, it := range d.items {
			it.SortOrder = i + 1
			it.BasisText = it.Law + it.Article + "规定的情形（演示数据，条文从略）"
			if _, err := svc.SaveItem(ctx, list, it); err != nil {
				return fmt.Errorf("item %s: %w", it.Name, err)
			}
		}
		if err := svc.PublishList(ctx, list); err != nil {
			return err
		}
		if err := s.demoInspections(ctx, svc, d, di, u.ID, today); err != nil {
			return err
		}
	}
	return nil
}

// demoInspections records a department's inspections over the last two
// years: a market day now and then, mostly with 掌上执法.
func (s *Seeder) demoInspections(ctx context.Context, svc *enforcement.Service, d enfDept, di int, unitID int64, today string) error {
	items, err := svc.CurrentItems(ctx, unitID)
	if err != nil {
		return err
	}
	var inspect int64
	for _, it := range items {
		if it.Category == enforcement.CatInspection {
			inspect = it.ID
		}
	}
	targets := []string{"清溪县百味食品店", "青山镇农贸市场", "溪口街道某某餐馆", "白石镇某某加油站", "清溪县某某建材有限公司", "桃源镇某某民宿"}
	for k := 0; k < 36; k++ {
		day := addDaysISO(today, -(k*19+di*3)%700-1)
		visits := 1
		if k%5 == 0 {
			visits = 8 + (k+di)%20 // a market or street inspected stall by stall
		}
		in := enforcement.InspectionInput{UnitID: unitID, ItemID: inspect, InspectedOn: day, Target: targets[(k+di)%len(targets)],
			Visits: visits, Mobile: (k+di)%7 != 0, Result: enforcement.InspectionResults[(k*3+di)%4]}
		if _, err := svc.RecordInspection(ctx, in); err != nil {
			return fmt.Errorf("inspection %s %d: %w", d.unit, k, err)
		}
	}
	return nil
}

// demoOfficer creates the i-th officer of a department: a valid fictional
// 身份证号 (region 369921, birth 1975–1994), a certificate issued in 2022 or
// 2023 for five years — except officer 1, whose certificate ends within the
// month, officer 2 (within two months), and, in the first department, an
// expired one and a suspended one.
func (s *Seeder) demoOfficer(ctx context.Context, svc *enforcement.Service, d enfDept, di, i int, unitID, subj int64, today string, year int) error {
	first17 := fmt.Sprintf("%s%04d%02d%02d%03d", countyCode, 1975+(di*7+i*3)%20, 1+(i*5)%12, 1+(i*7+di)%28, 11+i*2+di)
	check, _ := privacy.IDCheckChar(first17)
	issued := fmt.Sprintf("%d-%02d-15", 2022+i%2, 3+i%6)
	valid := fmt.Sprintf("%d-%s", 2022+i%2+5, issued[5:])
	switch i {
	case 1:
		valid = addDaysISO(today, 20)
	case 2:
		valid = addDaysISO(today, 55)
	case 3:
		if di == 0 {
			valid = addDaysISO(today, -12)
		}
	}
	in := enforcement.OfficerInput{UnitID: unitID, SubjectID: subj, Name: s.name(), IDNumber: first17 + string(check),
		Phone: fmt.Sprintf("1390799%04d", di*100+i), Position: []string{"科员", "副科长", "执法队员", "科长"}[i%4],
		CertNo: fmt.Sprintf("36992101%s%04d", d.code, i+1), CertAuthority: "云岭市人民政府", LawArea: d.area,
		IssuedOn: issued, ValidUntil: valid}
	id, err := svc.CreateOfficer(ctx, in)
	if err != nil {
		return fmt.Errorf("officer %s %d: %w", d.unit, i, err)
	}
	if di == 0 && i == 4 {
		if err := svc.SetOfficerStatus(ctx, id, enforcement.OfficerSuspended, "涉嫌违规执法，暂扣执法证接受调查（演示数据）"); err != nil {
			return err
		}
	}
	// Training this year: most reach 60 学时, every third officer does not.
	sessions := 4
	if i%3 == 2 {
		sessions = 2
	}
	for k := 0; k < sessions; k++ {
		held := fmt.Sprintf("%d-%02d-%02d", year, 2+k*2, 10+i%10)
		if held > today {
			held = today
		}
		if _, err := svc.AddTraining(ctx, id, enforcement.TrainingInput{HeldOn: held,
			Course: []string{"《行政处罚法》专题培训", "行政执法三项制度实务", "执法文书制作规范", "行政复议与诉讼案例研讨"}[k], Hours: "15"}); err != nil {
			return fmt.Errorf("training %s: %w", in.Name, err)
		}
	}
	return nil
}

var cst = time.FixedZone("CST", 8*3600)

// addDaysISO moves an ISO date by n days.
func addDaysISO(iso string, n int) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
