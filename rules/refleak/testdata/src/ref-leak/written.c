// ref-leak: the path names calls as the source writes them: the macro
// (devm_request_region()), not the function it expands to
// (__devm_request_region()).
#include <linux/module.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/ioport.h>

static int acme_port_claim(struct device *dev, struct device_node *fm_node)
{
	struct platform_device *fm_pdev;

	fm_pdev = of_find_device_by_node(fm_node);
	if (!fm_pdev)
		return -19;
	if (!devm_request_region(dev, 0x100, 16, "acme"))
		return -16; /* want "reference from of_find_device_by_node\\(\\) at line 16 leaks when devm_request_region\\(\\) fails: this return skips put_device\\(\\)" */
	put_device(&fm_pdev->dev);
	return 0;
}
