package web

import (
	"net/http"
	"net/url"
	"strconv"
)

func itoa[T ~int | ~int64](v T) string { return strconv.FormatInt(int64(v), 10) }

// sendFile writes a download with a UTF-8 file name (RFC 6266 / 5987).
func sendFile(w http.ResponseWriter, name, mime string, data []byte) {
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
