// ref-leak: a helper that takes a reference of its own on what it keeps
// (mdio_device_get() before storing) does not take the caller's: the
// caller still puts its own.
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

struct mdio_device {
	struct device dev;
	int addr;
};
struct mdio_device *fwnode_mdio_find_device(struct fwnode_handle *fwnode);
void mdio_device_get(struct mdio_device *mdiodev);
void mdio_device_put(struct mdio_device *mdiodev);

struct acme_pcs {
	struct mdio_device *mdio;
	int lane;
};

struct acme_pcs *acme_pcs_new(struct mdio_device *mdio)
{
	struct acme_pcs *p;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	mdio_device_get(mdio);
	p->mdio = mdio;
	return p;
}

/* holds it through acme_pcs_new() */
struct acme_pcs *acme_pcs_wrap(struct mdio_device *mdio)
{
	return acme_pcs_new(mdio);
}

struct acme_pcs *acme_pcs_find_leaky(struct fwnode_handle *node)
{
	struct mdio_device *mdio;
	struct acme_pcs *pcs;

	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return NULL;
	pcs = acme_pcs_wrap(mdio);
	return pcs; /* want "reference from fwnode_mdio_find_device\\(\\) at line 54 leaks on the success path" */
}

/* returned directly: the reference is still the caller's */
struct acme_pcs *acme_pcs_find_direct(struct fwnode_handle *node)
{
	struct mdio_device *mdio;

	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return NULL;
	return acme_pcs_wrap(mdio); /* want "reference from fwnode_mdio_find_device\\(\\) at line 66 leaks on the success path" */
}

struct acme_pcs *acme_pcs_find(struct fwnode_handle *node)
{
	struct mdio_device *mdio;
	struct acme_pcs *pcs;

	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return NULL;
	pcs = acme_pcs_wrap(mdio);
	mdio_device_put(mdio);
	return pcs;
}
