// remove-leak: one finding per leaking field. A second lookup that only
// runs when the first found nothing (drivers/mtd/nand/raw/omap2.c:
// info->elm_of_node = of_parse_phandle(child, "ti,elm-id", 0); if
// (!info->elm_of_node) info->elm_of_node = of_parse_phandle(child,
// "elm_id", 0);), or in the else of "if (np)", fills the same field with
// the one reference .remove must put: one finding, the fallback as a
// related location. Stores of
// one field that are not alternatives, and stores of two fields, stay
// separate findings.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>

struct fb_info {
	struct device_node *elm_np;
	struct device_node *aux_np;
};

static int fb_get_dt_info(struct device *dev, struct fb_info *info)
{
	struct device_node *child = dev->of_node;

	info->elm_np = of_parse_phandle(child, "vendor,elm-id", 0); /* want "info->elm_np holds a reference from of_parse_phandle\\(\\) taken in probe \\(fb_probe\\(\\)\\), but fb_remove never calls of_node_put\\(\\) on it" */
	if (!info->elm_np) {
		info->elm_np = of_parse_phandle(child, "elm_id", 0);
		if (!info->elm_np)
			dev_dbg(dev, "no elm\n");
	}

	info->aux_np = of_parse_phandle(child, "aux", 0); /* want "info->aux_np holds a reference from of_parse_phandle\\(\\) taken in probe \\(fb_probe\\(\\)\\), but fb_remove never calls of_node_put\\(\\) on it" */
	if (info->aux_np)
		dev_dbg(dev, "aux\n");
	else
		info->aux_np = of_parse_phandle(child, "aux-old", 0);
	return 0;
}

static int fb_probe(struct platform_device *pdev)
{
	struct fb_info *info = devm_kzalloc(&pdev->dev, sizeof(*info), GFP_KERNEL);

	if (!info)
		return -ENOMEM;
	platform_set_drvdata(pdev, info);
	return fb_get_dt_info(&pdev->dev, info);
}

static void fb_remove(struct platform_device *pdev)
{
	struct fb_info *info = platform_get_drvdata(pdev);

	dev_dbg(&pdev->dev, "%p\n", info);
}

static struct platform_driver fb_driver = {
	.probe = fb_probe,
	.remove_new = fb_remove,
	.driver = { .name = "fb" },
};
module_platform_driver(fb_driver);

struct fb2_info {
	struct device_node *np;
};

static int fb2_probe(struct platform_device *pdev)
{
	struct fb2_info *info = devm_kzalloc(&pdev->dev, sizeof(*info), GFP_KERNEL);

	if (!info)
		return -ENOMEM;
	platform_set_drvdata(pdev, info);
	info->np = of_parse_phandle(pdev->dev.of_node, "first", 0); /* want "info->np holds a reference from of_parse_phandle\\(\\) taken in probe, but fb2_remove never calls of_node_put\\(\\) on it" */
	if (info->np)
		info->np = of_parse_phandle(info->np, "second", 0); /* want "info->np holds a reference from of_parse_phandle\\(\\) taken in probe, but fb2_remove never calls of_node_put\\(\\) on it" */
	return 0;
}

static void fb2_remove(struct platform_device *pdev)
{
	struct fb2_info *info = platform_get_drvdata(pdev);

	dev_dbg(&pdev->dev, "%p\n", info);
}

static struct platform_driver fb2_driver = {
	.probe = fb2_probe,
	.remove_new = fb2_remove,
	.driver = { .name = "fb2" },
};
module_platform_driver(fb2_driver);
