package demo

// The demo county is fictional: 清溪县 of 云岭市, with made-up units and
// people. Region codes use an unassigned city code (3699xx) so they cannot
// be mistaken for a real place.

const (
	provinceCode = "360000"
	cityCode     = "369900"
	countyCode   = "369921"
	// Password is shared by every demo account; printed by `fazhi demo`.
	Password = "Qingxi@2026"
)

// dept is a county department: name, username stem, whether it enforces law.
type dept struct {
	name, code string
	enforcing  bool
	sections   []string
}

var departments = []dept{
	{"清溪县人民政府办公室", "zfb", false, []string{"秘书科", "政务公开科"}},
	{"清溪县司法局", "sfj", true, []string{"法治督察科", "行政复议与应诉科", "人民调解科"}},
	{"清溪县发展和改革局", "fgj", true, nil},
	{"清溪县教育局", "jyj", true, nil},
	{"清溪县科学技术局", "kjj", false, nil},
	{"清溪县工业和信息化局", "gxj", true, nil},
	{"清溪县公安局", "gaj", true, []string{"法制大队"}},
	{"清溪县民政局", "mzj", true, nil},
	{"清溪县财政局", "czj", true, nil},
	{"清溪县人力资源和社会保障局", "rsj", true, nil},
	{"清溪县自然资源局", "zrzyj", true, []string{"执法监察大队"}},
	{"清溪县生态环境分局", "sthjj", true, nil},
	{"清溪县住房和城乡建设局", "zjj", true, nil},
	{"清溪县交通运输局", "jtj", true, []string{"交通运输综合行政执法大队"}},
	{"清溪县水利局", "slj", true, nil},
	{"清溪县农业农村局", "nyj", true, []string{"农业综合行政执法大队"}},
	{"清溪县商务局", "swj", true, nil},
	{"清溪县文化和旅游局", "wlj", true, []string{"文化市场综合行政执法大队"}},
	{"清溪县卫生健康局", "wjj", true, []string{"卫生监督所"}},
	{"清溪县退役军人事务局", "tyjrj", false, nil},
	{"清溪县应急管理局", "yjj", true, []string{"应急管理综合行政执法大队"}},
	{"清溪县审计局", "sjj", false, nil},
	{"清溪县市场监督管理局", "scjgj", true, []string{"法规科", "综合行政执法大队"}},
	{"清溪县统计局", "tjj", true, nil},
	{"清溪县医疗保障局", "ybj", true, nil},
	{"清溪县综合行政执法局", "zhzfj", true, []string{"城区执法中队"}},
	{"清溪县林业局", "lyj", true, nil},
}

// township is a 乡镇 or 街道 with its username stem.
type township struct {
	name, code  string
	subdistrict bool
}

var townships = []township{
	{"清溪街道", "qxjd", true},
	{"溪口街道", "xkjd", true},
	{"白石镇", "bsz", false},
	{"青山镇", "qsz", false},
	{"桃源镇", "tyz", false},
	{"梅岭镇", "mlz", false},
	{"双河镇", "shz", false},
	{"云台乡", "ytx", false},
	{"石门乡", "smx", false},
	{"竹林乡", "zlx", false},
}

// Fictional names, combined deterministically.
var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文")
var givenA = []rune("建国志明海晓丽秀文春雪红玉立振家德光永伟静敏欣宏新军华平子思嘉")
var givenB = []rune("华明强芳军平燕涛斌杰娟霞勇峰波磊敏洁婷辉鹏飞宁琳颖超亮")
