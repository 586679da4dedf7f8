package api

import (
	"net/http"
	"reflect"
	"strings"
	"time"

	"fazhi/internal/httpx"
)

// schemas maps component names to the Go types the handlers return; the
// OpenAPI schemas are derived from their JSON tags so they cannot drift.
var schemas = map[string]reflect.Type{
	"User":     reflect.TypeOf(User{}),
	"Unit":     reflect.TypeOf(Unit{}),
	"AuditRow": reflect.TypeOf(AuditRow{}),
	"Job":      reflect.TypeOf(Job{}),
}

var timeType = reflect.TypeOf(time.Time{})

func schemaOf(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case t.Kind() == reflect.Struct:
		props := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			props[name] = schemaOf(f.Type)
		}
		return map[string]any{"type": "object", "properties": props}
	case t.Kind() == reflect.Bool:
		return map[string]any{"type": "boolean"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return map[string]any{"type": "integer"}
	}
	return map[string]any{"type": "string"}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

// OpenAPI builds the document from the endpoint table.
func (a *API) OpenAPI() map[string]any {
	paths := map[string]any{}
	for _, e := range a.endpoints() {
		op := map[string]any{"summary": e.Summary, "operationId": strings.ToLower(e.Method) + strings.NewReplacer("/api/v1", "", "/", "_", "{", "", "}", "", ".", "_").Replace(e.Pattern)}
		var params []any
		for _, p := range e.Params {
			params = append(params, map[string]any{"name": p.Name, "in": p.In, "description": p.Desc,
				"required": p.In == "path", "schema": map[string]any{"type": p.Type}})
		}
		if params != nil {
			op["parameters"] = params
		}
		body := ref(e.Schema)
		if e.Schema == "OpenAPI" {
			body = map[string]any{"type": "object"}
		}
		if e.List {
			body = map[string]any{"type": "object", "properties": map[string]any{
				"items": map[string]any{"type": "array", "items": ref(e.Schema)},
				"total": map[string]any{"type": "integer"}, "page": map[string]any{"type": "integer"},
				"per_page": map[string]any{"type": "integer"}}}
		}
		op["responses"] = map[string]any{
			"200":     map[string]any{"description": "成功", "content": map[string]any{"application/json": map[string]any{"schema": body}}},
			"default": map[string]any{"description": "错误", "content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}},
		}
		if !e.Public {
			op["security"] = []any{map[string]any{"token": []any{}}}
			op["x-permission"] = string(e.Perm)
		}
		item, _ := paths[e.Pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[e.Pattern] = item
		}
		item[strings.ToLower(e.Method)] = op
	}
	comps := map[string]any{"Error": schemaOf(reflect.TypeOf(httpx.ErrorBody{}))}
	for n, t := range schemas {
		comps[n] = schemaOf(t)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "法治政府建设管理平台 API", "version": "1",
			"description": "使用个人API令牌：Authorization: Bearer fzt_…。错误统一为 {\"error\":{\"code\",\"message\"}}。"},
		"paths":      paths,
		"components": map[string]any{"schemas": comps, "securitySchemes": map[string]any{"token": map[string]any{"type": "http", "scheme": "bearer"}}},
	}
}

func (a *API) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, a.OpenAPI())
}
