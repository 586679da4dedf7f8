// Package report drafts, versions, exports and publishes the yearly
// 法治政府建设情况报告 of a unit (a government with its subtree, a department,
// a township) in the structure the published reports use: 导语; 一、主要举措和
// 成效 by area; 二、党政主要负责人履行推进法治建设第一责任人职责情况;
// 三、存在的不足和原因; 四、下一年度工作安排.
//
// The text cites figures as tokens (〔review.received〕) resolved against a
// snapshot of the metric registry taken when the report was drafted or its
// figures refreshed; each snapshot keeps every figure's value, source (台账
// or the capability recording it) and a link to where it came from. Drafting
// (draft.go, sentence.go, area.go) is pure; the Service stores sections with
// every save as a new version, registers the two reporting deadlines in the
// monitor and freezes the text it publishes.
package report
