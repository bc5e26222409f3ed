// remove-leak: the struct device embedded in a looked-up platform device is
// kept ("phy->control_dev = &control_pdev->dev"), reduced from
// phy-ti-pipe3.c ti_pipe3_get_sysctrl() and phy-omap-usb2.c before
// their fixes (Johan Hovold, "fix device leak at unbind", 2025).
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

struct pipe3 {
	struct device *dev;
	struct device *control_dev;
};

static int pipe3_get_sysctrl(struct pipe3 *phy)
{
	struct device_node *control_node;
	struct platform_device *control_pdev;

	control_node = of_parse_phandle(phy->dev->of_node, "ctrl-module", 0);
	if (!control_node)
		return -EINVAL;
	control_pdev = of_find_device_by_node(control_node);
	of_node_put(control_node);
	if (!control_pdev)
		return -EINVAL;
	phy->control_dev = &control_pdev->dev; /* want "phy->control_dev holds a reference from of_find_device_by_node\\(\\) taken in probe \\(pipe3_probe\\(\\)\\), but pipe3_remove never calls put_device\\(\\) on it" */
	return 0;
}

static int pipe3_probe(struct platform_device *pdev)
{
	struct pipe3 *phy = devm_kzalloc(&pdev->dev, sizeof(*phy), GFP_KERNEL);

	if (!phy)
		return -ENOMEM;
	phy->dev = &pdev->dev;
	platform_set_drvdata(pdev, phy);
	return pipe3_get_sysctrl(phy);
}

static void pipe3_remove(struct platform_device *pdev)
{
	struct pipe3 *phy = platform_get_drvdata(pdev);

	phy->dev = NULL;
}

static struct platform_driver pipe3_driver = {
	.probe = pipe3_probe,
	.remove_new = pipe3_remove,
	.driver = { .name = "pipe3" },
};

/* the fix: a devm action that puts the embedded device */
struct usb2 {
	struct device *dev;
	struct device *control_dev;
};

static void usb2_put_device(void *_dev)
{
	struct device *dev = _dev;

	put_device(dev);
}

static int usb2_probe(struct platform_device *pdev)
{
	struct usb2 *u2 = devm_kzalloc(&pdev->dev, sizeof(*u2), GFP_KERNEL);
	struct device_node *control_node;
	struct platform_device *control_pdev;
	int ret;

	if (!u2)
		return -ENOMEM;
	control_node = of_parse_phandle(pdev->dev.of_node, "ctrl-module", 0);
	if (!control_node)
		return -EINVAL;
	control_pdev = of_find_device_by_node(control_node);
	of_node_put(control_node);
	if (!control_pdev)
		return -EINVAL;
	u2->control_dev = &control_pdev->dev;
	ret = devm_add_action_or_reset(&pdev->dev, usb2_put_device, u2->control_dev);
	if (ret)
		return ret;
	platform_set_drvdata(pdev, u2);
	return 0;
}

static struct platform_driver usb2_driver = {
	.probe = usb2_probe,
	.driver = { .name = "usb2" },
};

/* tricky good: the embedded device is put in .remove */
struct usb3 {
	struct device *control_dev;
};

static int usb3_probe(struct platform_device *pdev)
{
	struct usb3 *p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);
	struct platform_device *cpdev;

	if (!p)
		return -ENOMEM;
	cpdev = of_find_device_by_node(pdev->dev.of_node);
	if (!cpdev)
		return -EPROBE_DEFER;
	p->control_dev = &cpdev->dev;
	platform_set_drvdata(pdev, p);
	return 0;
}

static void usb3_remove(struct platform_device *pdev)
{
	struct usb3 *p = platform_get_drvdata(pdev);

	put_device(p->control_dev);
}

static struct platform_driver usb3_driver = {
	.probe = usb3_probe,
	.remove_new = usb3_remove,
	.driver = { .name = "usb3" },
};

/* tricky good: probe borrows the device and puts it before returning */
static int usb4_probe(struct platform_device *pdev)
{
	struct usb3 *p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);
	struct platform_device *cpdev;

	if (!p)
		return -ENOMEM;
	cpdev = of_find_device_by_node(pdev->dev.of_node);
	if (!cpdev)
		return -EPROBE_DEFER;
	p->control_dev = &cpdev->dev;
	put_device(&cpdev->dev);
	platform_set_drvdata(pdev, p);
	return 0;
}

static struct platform_driver usb4_driver = {
	.probe = usb4_probe,
	.driver = { .name = "usb4" },
};
