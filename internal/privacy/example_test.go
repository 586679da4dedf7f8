package privacy_test

import (
	"fmt"

	"fazhi/internal/privacy"
)

func Example() {
	// Public pages: mask.
	fmt.Println(privacy.MaskName("欧阳修远"), privacy.MaskName("清溪县兴华食品有限公司"))
	fmt.Println(privacy.MaskPhone("0571-88123456"))
	fmt.Println(privacy.MaskAddress("清溪县白石镇桃花村五组12号"))
	fmt.Println(privacy.MaskText("当事人电话13812345678，罚款3000元。"))

	// Storage: seal and index (the key normally comes from KeyFromEnv).
	c, _ := privacy.New(privacy.SM4GCM, make([]byte, privacy.KeySize))
	sealed, _ := c.Seal("13812345678")
	plain, _ := c.Open(sealed)
	fmt.Println(sealed[:10], plain, len(c.Index("13812345678")))
	// Output:
	// 欧阳** 清溪县兴华食品有限公司
	// 0571-****3456
	// 清溪县白石镇***
	// 当事人电话138****5678，罚款3000元。
	// v1:sm4gcm: 13812345678 64
}
