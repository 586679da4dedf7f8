// Package calendar is the working-day calendar and the catalogue of statutory
// time limits. It is pure: the data (the State Council's yearly holiday
// notices and the rule catalogue) is embedded, and nothing here reads files,
// the clock or a database.
//
// The national calendar is parsed at start-up from the notices' own text
// (notices/YYYY.txt) by ParseNotice, with the few later documents that
// changed a year (2015 抗战胜利纪念日, 2019 劳动节, 2020 春节延长) applied as
// explicit amendments. A year without a notice is weekends-only and every
// answer for it is marked Estimated.
//
// Periods are counted as Chinese administrative law counts them: the start
// day is not counted (民法典第201条); N working days end on the N-th working
// day; days, months and years end on the corresponding day (第202条) and a
// last day that is a rest day moves to the next working day (第203条).
package calendar
