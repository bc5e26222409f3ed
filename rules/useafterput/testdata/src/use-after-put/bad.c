// use-after-put: findings expected.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

struct acme_priv {
	struct device *dev;
	void *fm;
	u32 id;
};

/* the node is printed after its reference was dropped */
static int acme_syscon(struct device *dev, struct device_node *np, u32 *reg)
{
	struct device_node *syscon;
	int ret;

	syscon = of_parse_phandle(np, "acme,syscon", 0);
	if (!syscon)
		return -ENODEV;
	ret = of_property_read_u32(syscon, "reg", reg);
	of_node_put(syscon);
	if (ret)
		dev_err(dev, "%pOF: no reg\n", syscon); /* the call as written (dev_err), not the function its macro expands to */ /* want "'syscon' is passed to dev_err\\(\\) after of_node_put\\(syscon\\) at line 32 dropped its reference \\(from of_parse_phandle\\(\\) at line 28\\); why: once the last other holder lets go \\(unbind, removal\\), the callee reads a device tree node that may already be freed; fix: move the put after the last use" */
	return ret;
}

/* the device's driver data read after put_device() */
static int acme_fman(struct acme_priv *priv, struct device_node *fm_np)
{
	struct platform_device *pdev;

	pdev = of_find_device_by_node(fm_np);
	if (!pdev)
		return -EPROBE_DEFER;
	put_device(&pdev->dev);
	priv->fm = pdev->dev.driver_data; /* want "'pdev' is dereferenced after put_device\\(&pdev->dev\\) at line 46 dropped its reference \\(from of_find_device_by_node\\(\\) at line 43\\)" */
	return 0;
}

/* used after put in a child loop exit */
static int acme_port_id(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *port;

	port = of_get_child_by_name(np, "port");
	if (!port)
		return -ENODEV;
	of_node_put(port);
	return of_property_read_u32(port, "reg", &priv->id); /* want "'port' is passed to of_property_read_u32\\(\\) after of_node_put\\(port\\) at line 59" */
}

/* fwnode handle used after fwnode_handle_put() */
static int acme_pcs(struct fwnode_handle *fwnode, u32 *addr)
{
	struct fwnode_handle *pcs;

	pcs = fwnode_find_reference(fwnode, "pcs-handle", 0);
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	fwnode_handle_put(pcs);
	return fwnode_property_read_u32(pcs, "reg", addr); /* want "'pcs' is passed to fwnode_property_read_u32\\(\\) after fwnode_handle_put\\(pcs\\) at line 71" */
}
