// unbind-unhandled: the hand-out adds a managed device link, so the driver
// core unbinds every consumer before the provider's entry goes. No
// findings expected.
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

struct acme_bridge {
	struct device *dev;
	struct list_head node;
};

static LIST_HEAD(acme_bridge_list);
static DEFINE_MUTEX(acme_bridge_lock);

void acme_bridge_unregister(struct acme_bridge *b)
{
	mutex_lock(&acme_bridge_lock);
	list_del(&b->node);
	mutex_unlock(&acme_bridge_lock);
}

static struct acme_bridge *acme_bridge_find(struct device *dev)
{
	struct acme_bridge *b;

	mutex_lock(&acme_bridge_lock);
	list_for_each_entry(b, &acme_bridge_list, node) {
		if (b->dev == dev) {
			mutex_unlock(&acme_bridge_lock);
			return b;
		}
	}
	mutex_unlock(&acme_bridge_lock);
	return NULL;
}

struct acme_bridge *acme_bridge_get(struct device *consumer, struct device *dev)
{
	struct acme_bridge *b = acme_bridge_find(dev);

	if (!b)
		return ERR_PTR(-EPROBE_DEFER);
	if (!device_link_add(consumer, b->dev, DL_FLAG_AUTOREMOVE_CONSUMER))
		return ERR_PTR(-EINVAL);
	return b;
}
