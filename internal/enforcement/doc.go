// Package enforcement is administrative enforcement (行政执法) with the 三项制度
// (公示, 全过程记录, 重大执法决定法制审核): 执法主体 and 执法人员 with their
// certificates and training, the 权责清单 with 裁量基准 in versions, cases
// following the 行政处罚法 (2021) with their 文书, evidence and deadlines,
// 事后公示 of decisions, inspections, 案卷评查, 两法衔接, complaints, the
// 行政执法统计年报 and the figures it gives the metric registry.
//
// Files by capability (one owner each):
//
//	types.go service.go settings.go       shared vocabulary, the service, regional settings
//	subject*.go officer*.go training*.go  执法主体, 执法人员, 学时
//	list*.go item*.go discretion*.go      权责清单 versions, 执法事项, 裁量基准
//	case*.go document*.go evidence*.go    cases, the state machine, 文书, 全过程记录
//	publication*.go                       事后公示 (writes); portal*.go the public reads
//	review*.go referral*.go complaint*.go 案卷评查, 两法衔接, 投诉举报
//	stats*.go metrics*.go                 统计年报 (rollups maintained on write), metric registry
//	import*.go                            XLSX/CSV import of cases and officers
package enforcement
