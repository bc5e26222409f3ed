// ref-leak: findings expected.
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

struct fman_port {
	struct device *dev;
	struct platform_device *fm_pdev;
	struct resource *res;
	void *fm;
};

/* modeled on fman_port_probe(): the put_device() is under a label the
 * region failure skips */
static int acme_port_probe(struct platform_device *of_dev, struct resource *res)
{
	struct fman_port *port;
	struct device_node *fm_node, *port_node;
	struct platform_device *fm_pdev;
	struct resource *dev_res;
	int err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port_node = of_node_get(of_dev->dev.of_node);
	fm_node = of_get_parent(port_node);
	if (!fm_node) {
		err = -ENODEV;
		goto return_err;
	}
	fm_pdev = of_find_device_by_node(fm_node);
	of_node_put(fm_node);
	if (!fm_pdev) {
		err = -EINVAL;
		goto return_err;
	}
	port->fm = dev_get_drvdata(&fm_pdev->dev);
	if (!port->fm) {
		err = -EPROBE_DEFER;
		goto put_device;
	}
	dev_res = __devm_request_region(port->dev, res, 0, 16, "fman-port");
	if (!dev_res) {
		err = -EBUSY;
		goto free_port;
	}
	of_node_put(port_node);
	put_device(&fm_pdev->dev);
	return 0;

put_device:
	put_device(&fm_pdev->dev);
return_err:
	of_node_put(port_node);
free_port:
	kfree(port);
	return err; /* want "reference from of_find_device_by_node\\(\\) at line 42 leaks when __devm_request_region\\(\\) fails: goto free_port skips put_device\\(\\)" "reference from of_node_get\\(\\) at line 36 leaks when __devm_request_region\\(\\) fails: goto free_port skips of_node_put\\(\\)" */
}

/* returning out of for_each_child_of_node keeps the child's reference */
static int acme_find_port(struct device_node *np, u32 want)
{
	struct device_node *child;
	u32 reg;

	for_each_child_of_node(np, child) {
		if (of_property_read_u32(child, "reg", &reg))
			continue;
		if (reg == want)
			return 1; /* want "reference from of_get_next_child\\(\\) at line 77 leaks when 'reg == want' is true: this return skips of_node_put\\(\\)" */
	}
	return 0;
}

/* breaking out of the loop, then forgetting the child */
static int acme_count_until_disabled(struct device_node *np)
{
	struct device_node *child;
	int n = 0;

	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			break;
		n++;
	}
	return n; /* want "reference from of_get_next_child\\(\\) at line 92 leaks when of_device_is_available\\(\\) is false" */
}

/* goto out of the loop to an error label that does not put the child */
static int acme_parse_ports(struct device *dev, struct device_node *np)
{
	struct device_node *child;
	u32 reg;
	int err;

	for_each_available_child_of_node(np, child) {
		err = of_property_read_u32(child, "reg", &reg);
		if (err)
			goto err_out;
	}
	return 0;
err_out:
	dev_err(dev, "bad port\n");
	return err; /* want "reference from of_get_next_available_child\\(\\) at line 107 leaks when of_property_read_u32\\(\\) fails: goto err_out skips of_node_put\\(\\)" */
}

/* the out-parameter of of_parse_phandle_with_args() holds args.np */
static int acme_get_cells(struct device_node *np, u32 *cell)
{
	struct of_phandle_args args;
	int ret;

	ret = of_parse_phandle_with_args(np, "acme,syscon", "#acme-cells", 0, &args);
	if (ret)
		return ret;
	if (args.args_count < 1)
		return -EINVAL; /* want "reference from of_parse_phandle_with_args\\(\\) at line 124 leaks" */
	*cell = args.args[0];
	of_node_put(args.np);
	return 0;
}

/* fwnode_find_reference() leaked when the property read fails */
static int acme_pcs_addr(struct fwnode_handle *fwnode, u32 *addr)
{
	struct fwnode_handle *pcs;
	int ret;

	pcs = fwnode_find_reference(fwnode, "pcs-handle", 0);
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	ret = fwnode_property_read_u32(pcs, "reg", addr);
	if (ret)
		return ret; /* want "reference from fwnode_find_reference\\(\\) at line 140 leaks when fwnode_property_read_u32\\(\\) fails: this return skips fwnode_handle_put\\(\\)" */
	fwnode_handle_put(pcs);
	return 0;
}

/* try_module_get() not balanced on the error path */
static int acme_attach(struct module *owner, struct device *dev)
{
	struct phy *phy;

	if (!try_module_get(owner))
		return -ENODEV;
	phy = phy_get(dev, "serdes");
	if (IS_ERR(phy))
		return PTR_ERR(phy); /* want "reference from try_module_get\\(\\) at line 155 leaks when phy_get\\(\\) fails" */
	phy_put(dev, phy);
	module_put(owner);
	return 0;
}

/* a same-file wrapper returning of_parse_phandle()'s reference */
static struct device_node *acme_get_syscon(struct device_node *np)
{
	return of_parse_phandle(np, "acme,syscon", 0);
}

static int acme_syscon_reg(struct device_node *np, u32 *reg)
{
	struct device_node *syscon;

	syscon = acme_get_syscon(np);
	if (!syscon)
		return -ENODEV;
	if (of_property_read_u32(syscon, "reg", reg))
		return -EINVAL; /* want "reference from acme_get_syscon\\(\\) at line 175 leaks when of_property_read_u32\\(\\) fails" */
	of_node_put(syscon);
	return 0;
}

/* overwriting the only name of a held reference */
static int acme_two_lookups(struct device_node *np)
{
	struct device_node *n;

	n = of_parse_phandle(np, "acme,a", 0);
	if (!n)
		return -ENODEV;
	n = of_parse_phandle(np, "acme,b", 0); /* want "reference from of_parse_phandle\\(\\) at line 189 leaks when of_parse_phandle\\(\\) succeeds: 'n' is overwritten" */
	if (!n)
		return -ENODEV;
	of_node_put(n);
	return 0;
}

/* leaked on the error path and on success, never put: one finding, at the
 * error path, whose fix is the missing put, not a put on that path */
static int acme_fm_drvdata(struct fman_port *port, struct device_node *fm_node)
{
	struct platform_device *fm_pdev = of_find_device_by_node(fm_node);

	if (!fm_pdev)
		return -EPROBE_DEFER;
	port->fm = dev_get_drvdata(&fm_pdev->dev);
	if (!port->fm)
		return 0;
	if (!__devm_request_region(port->dev, port->res, 0, 16, "fman-port"))
		return -EBUSY; /* want "reference from of_find_device_by_node\\(\\) at line 203 is never released, on any path \\(the success return included\\); why: .*\\(it also leaks at lines 209, 212\\); fix: call put_device\\(fm_pdev\\) once it is no longer needed" */
	return 0;
}

/* a get_device() wrapper returning the device: its callers hold a reference */
struct device *acme_dev_get(struct device *dev)
{
	return get_device(dev);
}

static int acme_dev_mode(struct device *dev, int mode)
{
	struct device *d = acme_dev_get(dev);

	if (mode < 0)
		return -EINVAL; /* want "reference from acme_dev_get\\(\\) at line [0-9]+ leaks" */
	put_device(d);
	return mode;
}
