package app

import (
	"context"
	"fmt"

	"fazhi/internal/attach"
	"fazhi/internal/jobs"
)

// Maintenance job kinds started from the jobs page.
const (
	JobAttachVerify = "attach.verify_all"
	JobAttachGC     = "attach.gc"
)

// JobKinds lists the jobs a user may start by hand, with Chinese titles.
var JobKinds = []struct{ Kind, Title, Help string }{
	{JobAttachVerify, "附件完整性校验", "逐个重新计算附件的 SHA-256，发现缺失或被改动的文件"},
	{JobAttachGC, "清理未引用的附件文件", "删除已无任何登记引用的文件（删除登记后文件仍保留，直到清理）"},
}

func (a *App) registerJobs() {
	a.Jobs.Register(JobAttachVerify, a.verifyAttachments)
	a.Jobs.Register(JobAttachGC, func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		p.Set(0, 1, "正在扫描数据目录")
		res, err := a.Attach.GC(ctx)
		if err != nil {
			return "", err
		}
		p.Set(1, 1, "")
		return fmt.Sprintf("已删除 %d 个未引用的文件（%s）和 %d 个残留临时文件", res.Files, attach.FormatSize(res.Bytes), res.Temps), nil
	})
}

// verifyAttachments re-hashes every attachment, reporting progress per file.
func (a *App) verifyAttachments(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
	all, total, err := a.Attach.List(ctx, attach.ListFilter{AllUnits: true})
	if err != nil {
		return "", err
	}
	bad := 0
	for i, at := range all {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if err := a.Attach.Verify(ctx, at); err != nil {
			bad++
			a.Log.Warn("attachment failed verification", "id", at.ID)
		}
		p.Set(i+1, total, "已校验 "+at.Filename)
	}
	if bad > 0 {
		return "", fmt.Errorf("共 %d 个附件，其中 %d 个文件缺失或内容与登记的哈希值不一致", total, bad)
	}
	return fmt.Sprintf("共 %d 个附件，全部与登记的 SHA-256 一致", total), nil
}
