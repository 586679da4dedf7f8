package web

import (
	"errors"
	"mime/multipart"
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

// maxEvidenceFiles caps the evidence files of one report submission.
const maxEvidenceFiles = 10

// handleTaskReport files (or revises) a unit's progress report on a task,
// with its figures and evidence files.
func (s *Server) handleTaskReport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.Tasks.Task(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	if msg := s.readEvidenceForm(w, r); msg != "" {
		s.taskPage(w, r, http.StatusBadRequest, msg, reportForm{})
		return
	}
	form := reportForm{AssignmentID: formID(r, "assignment_id"), Period: r.PostFormValue("period"), Body: r.PostFormValue("body")}
	names, values := r.PostForm["figure_name"], r.PostForm["figure_value"]
	for i := range names {
		f := supervise.Figure{Name: names[i]}
		if i < len(values) {
			f.Value = values[i]
		}
		form.Figures = append(form.Figures, f)
	}
	files, closeAll, err := evidenceFiles(r)
	defer closeAll()
	if err != nil {
		s.taskPage(w, r, http.StatusBadRequest, err.Error(), form)
		return
	}
	in := supervise.ReportInput{AssignmentID: form.AssignmentID, Period: form.Period, Body: form.Body, Figures: form.Figures}
	if _, err := s.Tasks.Submit(r.Context(), httpx.User(r).ScopePath, in, files); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.taskPage(w, r, ae.Status, ae.Message, form)
		}
		return
	}
	flashRedirect(w, r, "/tasks/"+itoa(id), "已报送"+form.Period+"进展，等待法治办审核")
}

// readEvidenceForm reads a multipart form with evidence files (up to
// maxEvidenceFiles of the attachment size limit); it returns the message
// to show when the form cannot be read, "" when it was.
func (s *Server) readEvidenceForm(w http.ResponseWriter, r *http.Request) string {
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidenceFiles*s.attachLimit()+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "上传的文件过大，单个文件不超过 " + attach.FormatSize(s.attachLimit())
		}
		return "表单读取失败，请重试"
	}
	return ""
}

// evidenceFiles opens the uploaded evidence files; closeAll closes them.
func evidenceFiles(r *http.Request) ([]supervise.Upload, func(), error) {
	var opened []multipart.File
	closeAll := func() {
		for _, f := range opened {
			f.Close()
		}
	}
	if r.MultipartForm == nil {
		return nil, closeAll, nil
	}
	var out []supervise.Upload
	for _, h := range r.MultipartForm.File["evidence"] {
		if h.Size == 0 && h.Filename == "" {
			continue
		}
		if len(out) == maxEvidenceFiles {
			return nil, closeAll, errors.New("一次最多上传 10 个佐证材料")
		}
		f, err := h.Open()
		if err != nil {
			return nil, closeAll, errors.New("读取上传文件失败，请重试")
		}
		opened = append(opened, f)
		out = append(out, supervise.Upload{Name: h.Filename, Data: f})
	}
	return out, closeAll, nil
}
