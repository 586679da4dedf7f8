package httpx

import (
	"encoding/json"
	"net/http"
)

// ErrorBody is the API's one error format.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

// WriteJSON writes v with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// WriteError writes the API error format for ae.
func WriteError(w http.ResponseWriter, ae *AppError) {
	var b ErrorBody
	b.Error.Code, b.Error.Message = ae.Code, ae.Message
	WriteJSON(w, ae.Status, b)
}

// List is the API's paginated list envelope.
type List[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}
