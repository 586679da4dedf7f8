// Package app wires configuration, the database and the services into one
// running application; the CLI, the demo, the benchmarks and the browser
// tests all start fazhi through it.
package app

import (
	"flag"
	"os"
	"strconv"
)

// Config is everything a deployment sets, by flag or environment variable.
type Config struct {
	DB         string // FAZHI_DB: SQLite file path or postgres:// URL
	Addr       string // FAZHI_ADDR: listen address
	DataDir    string // FAZHI_DATA_DIR: attachments
	AuditHash  string // FAZHI_AUDIT_HASH: sha256 | sm3
	TrustProxy bool   // FAZHI_TRUST_PROXY: take client IPs from X-Forwarded-For
	TLSCert    string // FAZHI_TLS_CERT
	TLSKey     string // FAZHI_TLS_KEY
	MaxUpload  int64  // FAZHI_MAX_UPLOAD_MB, in bytes here
}

// EnvVars documents the environment, for `fazhi help` and the README.
var EnvVars = [][2]string{
	{"FAZHI_DB", "SQLite 文件路径或 postgres:// URL（默认 ./fazhi.db）"},
	{"FAZHI_ADDR", "监听地址（默认 127.0.0.1:8080）"},
	{"FAZHI_DATA_DIR", "附件存储目录（默认 ./data）"},
	{"FAZHI_AUDIT_HASH", "审计日志哈希算法 sha256 或 sm3（默认 sha256）"},
	{"FAZHI_TRUST_PROXY", "置为 1 时从 X-Forwarded-For 读取客户端地址（仅在反向代理之后使用）"},
	{"FAZHI_TLS_CERT / FAZHI_TLS_KEY", "证书与私钥文件，设置后以 HTTPS 提供服务"},
	{"FAZHI_MAX_UPLOAD_MB", "单个附件大小上限，单位 MB（默认 50）"},
	{"FAZHI_DATA_KEY", "加密存储身份证号、电话等个人信息的密钥（64 位十六进制）；未设置时在附件目录生成 data.key，生产环境请设置并与备份分开保管"},
	{"FAZHI_DATA_CIPHER", "个人信息加密算法 aes-256-gcm 或 sm4-gcm（默认 aes-256-gcm）"},
}

func env(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

// FromEnv returns the configuration given by the environment and defaults.
func FromEnv() Config {
	mb, err := strconv.Atoi(env("FAZHI_MAX_UPLOAD_MB", "50"))
	if err != nil || mb <= 0 {
		mb = 50
	}
	return Config{
		DB: env("FAZHI_DB", "fazhi.db"), Addr: env("FAZHI_ADDR", "127.0.0.1:8080"),
		DataDir: env("FAZHI_DATA_DIR", "data"), AuditHash: env("FAZHI_AUDIT_HASH", "sha256"),
		TrustProxy: env("FAZHI_TRUST_PROXY", "") == "1", TLSCert: env("FAZHI_TLS_CERT", ""),
		TLSKey: env("FAZHI_TLS_KEY", ""), MaxUpload: int64(mb) << 20,
	}
}

// Flags registers the common flags on fs, defaulting to c's values.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "SQLite file path or postgres:// URL (FAZHI_DB)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (FAZHI_ADDR)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "attachment directory (FAZHI_DATA_DIR)")
	fs.StringVar(&c.AuditHash, "audit-hash", c.AuditHash, "audit chain hash: sha256 or sm3 (FAZHI_AUDIT_HASH)")
}
