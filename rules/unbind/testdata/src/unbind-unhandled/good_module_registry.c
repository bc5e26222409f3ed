// unbind-unhandled: mlxsw core.c-shaped registry of subsystem drivers.
// The entries are static structures of the modules that register them at
// module init and unregister them at module exit; they belong to no device,
// so no driver unbind frees them. No findings expected.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rtnetlink.h>
#include <linux/kref.h>
#include <linux/notifier.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs.h>

struct acme_core_driver {
	struct list_head list;
	const char *kind;
	int (*init)(void *priv);
};

static LIST_HEAD(acme_core_driver_list);
static DEFINE_SPINLOCK(acme_core_driver_list_lock);

int acme_core_driver_register(struct acme_core_driver *drv)
{
	spin_lock(&acme_core_driver_list_lock);
	list_add_tail(&drv->list, &acme_core_driver_list);
	spin_unlock(&acme_core_driver_list_lock);
	return 0;
}

void acme_core_driver_unregister(struct acme_core_driver *drv)
{
	spin_lock(&acme_core_driver_list_lock);
	list_del(&drv->list);
	spin_unlock(&acme_core_driver_list_lock);
}

static struct acme_core_driver *__acme_driver_find(const char *kind)
{
	struct acme_core_driver *drv;

	list_for_each_entry(drv, &acme_core_driver_list, list) {
		if (strcmp(drv->kind, kind) == 0)
			return drv;
	}
	return NULL;
}

static struct acme_core_driver *acme_core_driver_get(const char *kind)
{
	struct acme_core_driver *drv;

	spin_lock(&acme_core_driver_list_lock);
	drv = __acme_driver_find(kind);
	spin_unlock(&acme_core_driver_list_lock);
	return drv;
}

int acme_core_bus_device_register(const char *kind, void *priv)
{
	struct acme_core_driver *drv = acme_core_driver_get(kind);

	if (!drv)
		return -EINVAL;
	return drv->init(priv);
}
