// remove-leak: a clock kept enabled for the life of the system. clk.h
// forbids clk_put() of an enabled clock, so a driver that enables a clock
// in probe and never disables it has nothing to put at unbind (the
// clock's count is pinned with the clock on, by design); one that
// disables it in .remove and forgets the put does leak it.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/i2c.h>
#include <linux/mdio.h>
#include <linux/phy.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs-lynx.h>
#include <linux/pcs/pcs-xpcs.h>

int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);

struct xg { struct clk *clk; };

/* good: enabled for life, never disabled anywhere */
static int xg_probe(struct platform_device *pdev)
{
	struct xg *ctx = devm_kzalloc(&pdev->dev, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->clk = clk_get(&pdev->dev, NULL);
	if (IS_ERR(ctx->clk))
		return PTR_ERR(ctx->clk);
	clk_prepare_enable(ctx->clk);
	platform_set_drvdata(pdev, ctx);
	return 0;
}

static struct platform_driver xg_driver = {
	.probe = xg_probe,
	.driver = { .name = "xg" },
};

/* bad: remove disables the clock but never puts it */
struct yg { struct clk *clk; };

static int yg_probe(struct platform_device *pdev)
{
	struct yg *yctx = devm_kzalloc(&pdev->dev, sizeof(*yctx), GFP_KERNEL);
	struct clk *clk;

	if (!yctx)
		return -ENOMEM;
	clk = clk_get(&pdev->dev, NULL);
	if (IS_ERR(clk))
		return PTR_ERR(clk);
	yctx->clk = clk; /* want "yctx->clk holds a reference from clk_get\\(\\) taken in probe, but yg_remove never calls clk_put\\(\\) on it" */
	clk_prepare_enable(clk);
	platform_set_drvdata(pdev, yctx);
	return 0;
}

static void yg_remove(struct platform_device *pdev)
{
	struct yg *yctx = platform_get_drvdata(pdev);

	clk_disable_unprepare(yctx->clk);
}

static struct platform_driver yg_driver = {
	.probe = yg_probe,
	.remove_new = yg_remove,
	.driver = { .name = "yg" },
};

/* bad: never enabled, never put */
struct zg { struct clk *clk; };

static int zg_probe(struct platform_device *pdev)
{
	struct zg *zctx = devm_kzalloc(&pdev->dev, sizeof(*zctx), GFP_KERNEL);

	if (!zctx)
		return -ENOMEM;
	zctx->clk = clk_get(&pdev->dev, NULL); /* want "zctx->clk holds a reference from clk_get\\(\\) taken in probe, and the driver has no .remove" */
	if (IS_ERR(zctx->clk))
		return PTR_ERR(zctx->clk);
	platform_set_drvdata(pdev, zctx);
	return 0;
}

static struct platform_driver zg_driver = {
	.probe = zg_probe,
	.driver = { .name = "zg" },
};
