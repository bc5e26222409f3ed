// ref-leak: ACPI fwnodes have no refcount (their fwnode ops define no
// get/put): a path under is_acpi_node() holds nothing to drop.
#include "../include/refs-kdecls.h"

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
	return ret; /* want "reference from device_get_named_child_node\\(\\) at line 34 leaks" */
}
