package web

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfImportsData struct {
	Batches     []enforcement.Batch
	Pager       pager
	Kinds       []enforcement.ImportKind
	Kind        enforcement.ImportKind
	Layouts     map[enforcement.ImportKind][]enforcement.ImportColumn
	MaxMB       int
	PreviewRows int
}

// handleEnfImports shows the upload form, the column layouts and the
// batches of the user's scope.
func (s *Server) handleEnfImports(w http.ResponseWriter, r *http.Request) {
	s.renderEnfImports(w, r, http.StatusOK, "", enforcement.ImportCases)
}

func (s *Server) renderEnfImports(w http.ResponseWriter, r *http.Request, status int, msg string, kind enforcement.ImportKind) {
	u := httpx.User(r)
	page, per := httpx.Page(r, 20)
	list, total, err := s.Enforcement.ImportBatches(r.Context(), u.ScopePath, per, (page-1)*per)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := enfImportsData{Batches: list, Pager: newPager(page, per, total, r.URL.Query()), Kind: kind,
		Kinds: []enforcement.ImportKind{enforcement.ImportCases, enforcement.ImportOfficers}, MaxMB: enforcement.MaxImportBytes >> 20, PreviewRows: enforcement.PreviewRows,
		Layouts: map[enforcement.ImportKind][]enforcement.ImportColumn{
			enforcement.ImportCases:    enforcement.ImportLayout(enforcement.ImportCases),
			enforcement.ImportOfficers: enforcement.ImportLayout(enforcement.ImportOfficers)}}
	v := s.view(r, "数据导入", d)
	v.Error = msg
	s.render(w, status, "enf_imports", v)
}

// handleEnfImportUpload stores the file as a batch and starts its check in
// the background; the batch page follows the check. Nothing is saved
// before the user confirms the preview.
func (s *Server) handleEnfImportUpload(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	r.Body = http.MaxBytesReader(w, r.Body, enforcement.MaxImportBytes+1<<20)
	kind, _ := enforcement.ImportKindOf(r.FormValue("kind"))
	if kind == "" {
		kind = enforcement.ImportCases
	}
	f, hdr, err := r.FormFile("file")
	var data []byte
	if err == nil {
		defer f.Close()
		data, err = io.ReadAll(f)
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.renderEnfImports(w, r, http.StatusBadRequest, "文件过大：请拆分为不超过 "+itoa(enforcement.MaxImportBytes>>20)+" MB 的文件分批导入", kind)
		return
	case err != nil || len(data) == 0:
		s.renderEnfImports(w, r, http.StatusBadRequest, "请选择要导入的 Excel（.xlsx）或 CSV 文件", kind)
		return
	}
	id, err := s.Enforcement.CreateImportBatch(r.Context(), kind, u.ScopeUnitID, filepath.Base(hdr.Filename), data)
	if err != nil {
		s.renderEnfImports(w, r, httpx.Classify(err).Status, httpx.Classify(err).Message, kind)
		return
	}
	job, err := s.Jobs.Submit(r.Context(), enforcement.JobImportCheck, "检查导入文件："+filepath.Base(hdr.Filename),
		itoa(id), u.ScopeUnitID, u.ID)
	if err == nil {
		err = s.Enforcement.SetImportJob(r.Context(), id, job, false)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/enforcement/imports/"+itoa(id), http.StatusSeeOther)
}
