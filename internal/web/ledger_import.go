package web

import (
	"errors"
	"net/http"
	"strconv"

	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
	"fazhi/internal/org"
	"fazhi/internal/xlsx"
)

type ledgerImportData struct {
	Year   int
	Errors []string
}

// handleLedgerImport reads an XLSX in the export's layout and saves every
// unit row for the year in one transaction. Any bad cell, unknown unit or
// unit outside the user's scope refuses the whole file with a list of
// problems by row and column.
func (s *Server) handleLedgerImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLedgerUpload+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		s.fail(w, r, httpx.Invalid("请选择要导入的 Excel（.xlsx）文件（不超过 10 MB）"))
		return
	}
	year, err := s.ledgerYear(r.PostFormValue("year"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, httpx.Invalid("请选择要导入的 Excel（.xlsx）文件"))
		return
	}
	defer f.Close()
	rows, err := xlsx.Read(f, "")
	if err != nil {
		s.ledgerImportFailed(w, r, year, []string{"文件无法读取：请上传本页导出格式的 .xlsx 文件"})
		return
	}
	resolve, err := s.ledgerUnitResolver(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	parsed, problems := ledger.ParseImport(rows, resolve)
	if len(problems) > 0 {
		s.ledgerImportFailed(w, r, year, problems)
		return
	}
	batches := make([]ledger.Batch, len(parsed))
	for i, p := range parsed {
		batches[i] = p.Batch
	}
	err = s.Ledger.SaveAll(r.Context(), year, batches)
	var ve *ledger.ValidationError
	if errors.As(err, &ve) {
		s.ledgerImportFailed(w, r, year, ledger.RowErrors(parsed, ve))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/ledger?view=totals&year="+itoa(year),
		"已导入 "+strconv.Itoa(len(parsed))+" 个单位的"+itoa(year)+"年度台账数据")
}

func (s *Server) ledgerImportFailed(w http.ResponseWriter, r *http.Request, year int, problems []string) {
	v := s.view(r, "台账导入未完成", ledgerImportData{Year: year, Errors: problems})
	v.Error = "导入未完成：发现 " + strconv.Itoa(len(problems)) + " 处问题，所有数据均未保存"
	s.render(w, http.StatusBadRequest, "ledger_import", v)
}

// ledgerUnitResolver finds units of the user's scope by full name, or by
// short name when that is unambiguous.
func (s *Server) ledgerUnitResolver(r *http.Request) (ledger.ResolveUnit, error) {
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: ledgerScopeRoot(r)})
	if err != nil {
		return nil, err
	}
	byName, byShort := map[string]int64{}, map[string][]int64{}
	for _, u := range units {
		byName[u.Name] = u.ID
		if u.ShortName != "" {
			byShort[u.ShortName] = append(byShort[u.ShortName], u.ID)
		}
	}
	return func(name string) (int64, string) {
		if id, ok := byName[name]; ok {
			return id, ""
		}
		if ids := byShort[name]; len(ids) == 1 {
			return ids[0], ""
		}
		return 0, "单位“" + name + "”不存在或不在您的数据范围内"
	}, nil
}
