// ref-leak: ACPI fwnodes have no refcount (their fwnode ops define no
// get/put): a path under is_acpi_node() holds nothing to drop.
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

bool is_acpi_node(const struct fwnode_handle *fwnode);
struct fwnode_handle *device_get_named_child_node(const struct device *dev, const char *name);
int acme_acpi_setup(struct device *dev, struct fwnode_handle *fw);
int acme_of_setup(struct device *dev, struct fwnode_handle *fw);

/* good: the ACPI path returns without a put, the other path puts */
static int acme_mdio_setup(struct device *dev)
{
	struct fwnode_handle *child;
	int ret;

	child = device_get_named_child_node(dev, "mdio");
	if (!child)
		return -19;
	if (is_acpi_node(child)) {
		ret = acme_acpi_setup(dev, child);
		return ret;
	}
	ret = acme_of_setup(dev, child);
	fwnode_handle_put(child);
	return ret;
}

/* bad: the path that is not ACPI keeps its count */
static int acme_mdio_setup_leak(struct device *dev)
{
	struct fwnode_handle *child;
	int ret;

	child = device_get_named_child_node(dev, "mdio");
	if (!child)
		return -19;
	if (is_acpi_node(child))
		return acme_acpi_setup(dev, child);
	ret = acme_of_setup(dev, child);
	return ret; /* want "reference from device_get_named_child_node\\(\\) at line 46 leaks" */
}

/* good: the child an ACPI node's lookup finds is an ACPI node too
 * (reduced from drivers/net/ethernet/marvell/mvpp2/mvpp2_main.c
 * mvpp2_use_acpi_compat_mode()) */
bool fwnode_property_present(const struct fwnode_handle *fwnode, const char *name);
struct fwnode_handle *fwnode_get_named_child_node(const struct fwnode_handle *fwnode, const char *name);

static bool acme_use_acpi_compat(struct fwnode_handle *port_fwnode)
{
	if (!is_acpi_node(port_fwnode))
		return false;
	return !fwnode_property_present(port_fwnode, "phy-handle") &&
		!fwnode_get_named_child_node(port_fwnode, "fixed-link");
}

/* bad: the same test on a node that is not ACPI */
static bool acme_has_fixed_link(struct fwnode_handle *port_fwnode)
{
	return !!fwnode_get_named_child_node(port_fwnode, "fixed-link"); /* want "reference from fwnode_get_named_child_node\\(\\) at line 72 leaks: its result is never kept" */
}
