package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/jobs"
)

// enfImpShownErrors is how many errors the page lists; the XLSX report
// has all of them.
const enfImpShownErrors = 500

type enfBatchData struct {
	Batch      enforcement.Batch
	Report     enforcement.ImportReport
	Errors     []enforcement.ImportIssue
	Live       bool   // a check or save is running: the block polls
	Phase      string // what is running: 检查 | 写入
	Done       int
	Total      int
	Percent    int
	Message    string
	Note       string // why a check or save did not finish
	Result     string
	Encoding   string // the CSV's encoding, for people
	CanConfirm bool
	CanDiscard bool
}

// enfImportBatch loads the batch of the path, refused outside the scope.
func (s *Server) enfImportBatch(w http.ResponseWriter, r *http.Request) (enforcement.Batch, bool) {
	id, err := pathID(r)
	if err == nil {
		var b enforcement.Batch
		if b, err = s.Enforcement.ImportBatch(r.Context(), id); err == nil {
			if err = enfInScope(r, b.UnitPath, b.UnitName); err == nil {
				return b, true
			}
		}
	}
	s.fail(w, r, err)
	return enforcement.Batch{}, false
}

// handleEnfImport shows a batch: the running check or save with its
// progress, then the preview with every error and the actions. While work
// runs, the page re-fetches itself every second and swaps in its status
// block (htmx hx-select), which stops polling once the work has ended.
func (s *Server) handleEnfImport(w http.ResponseWriter, r *http.Request) {
	b, ok := s.enfImportBatch(w, r)
	if !ok {
		return
	}
	d, err := s.enfImportState(r, b)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "enf_import", s.view(r, "导入"+b.Kind.Label()+"："+b.Filename, d))
}

// enfImportState works out what the batch page shows from the batch and
// the job that checks or saves it.
func (s *Server) enfImportState(r *http.Request, b enforcement.Batch) (enfBatchData, error) {
	d := enfBatchData{Batch: b, Encoding: enforcement.EncodingLabel(b.Encoding)}
	var jobID int64
	switch b.Status {
	case enforcement.BatchChecking:
		d.Phase, jobID = "检查", b.CheckJobID
	case enforcement.BatchSaving:
		d.Phase, jobID = "写入", b.SaveJobID
	}
	if jobID != 0 {
		j, err := s.Jobs.Get(r.Context(), jobID)
		if err != nil {
			return d, err
		}
		d.Live = !j.Finished()
		d.Done, d.Total, d.Message = j.Progress, j.Total, j.Message
		if done, total, msg, ok := s.Enforcement.ImportLive(b.ID); ok {
			d.Done, d.Total, d.Message = done, total, msg
		}
		if j.Status == jobs.StatusFailed || j.Status == jobs.StatusInterrupted {
			d.Note = d.Phase + "未完成：" + j.Error
		}
		d.Result = j.Result
	} else if b.Status == enforcement.BatchSaving {
		d.Live = true // confirmed a moment ago; the job is being recorded
	}
	if d.Total > 0 {
		d.Percent = min(100, d.Done*100/d.Total)
	}
	if !d.Live {
		rep, err := s.Enforcement.ImportReportOf(r.Context(), b.ID)
		if err != nil {
			return d, err
		}
		d.Report, d.Errors = rep, rep.Errors[:min(len(rep.Errors), enfImpShownErrors)]
		d.CanConfirm = b.Status == enforcement.BatchChecked || b.Status == enforcement.BatchSaving && d.Note != ""
		d.CanDiscard = b.Status != enforcement.BatchSaved && b.Status != enforcement.BatchDiscarded
	}
	return d, nil
}

// handleEnfImportConfirm starts the save of a checked batch in the
// background: one transaction, the whole batch or nothing.
func (s *Server) handleEnfImportConfirm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.enfImportBatch(w, r)
	if !ok {
		return
	}
	u := httpx.User(r)
	if err := s.Enforcement.ConfirmImport(r.Context(), b.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	job, err := s.Jobs.Submit(r.Context(), enforcement.JobImportSave, "导入"+b.Kind.Label()+"："+b.Filename, itoa(b.ID),
		b.UnitID, u.ID)
	if err == nil {
		err = s.Enforcement.SetImportJob(r.Context(), b.ID, job, true)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/enforcement/imports/"+itoa(b.ID), http.StatusSeeOther)
}

// handleEnfImportDiscard drops a batch that was not saved.
func (s *Server) handleEnfImportDiscard(w http.ResponseWriter, r *http.Request) {
	b, ok := s.enfImportBatch(w, r)
	if !ok {
		return
	}
	if err := s.Enforcement.DiscardImport(r.Context(), b.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/imports", "已放弃导入“"+b.Filename+"”，未保存任何数据")
}
