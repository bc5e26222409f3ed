// lookup-after-unlock: the lookup pins the entry under the lock; what its
// caller takes afterwards (a module reference, a second device reference)
// is on an entry that can no longer be freed. No findings expected.
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

struct acme_ctl_ops {
	struct module *owner;
};

struct acme_ctl {
	struct device dev;
	struct list_head node;
	const struct acme_ctl_ops *ops;
	int id;
};

static LIST_HEAD(acme_ctl_list);
static DEFINE_MUTEX(acme_ctl_mutex);

static struct acme_ctl *acme_ctl_find(int id)
{
	struct acme_ctl *c, *found = NULL;

	mutex_lock(&acme_ctl_mutex);
	list_for_each_entry(c, &acme_ctl_list, node) {
		if (c->id == id) {
			get_device(&c->dev);
			found = c;
			break;
		}
	}
	mutex_unlock(&acme_ctl_mutex);
	return found;
}

struct acme_ctl *acme_ctl_get(int id)
{
	struct acme_ctl *c = acme_ctl_find(id);

	if (!c)
		return ERR_PTR(-EPROBE_DEFER);
	if (!try_module_get(c->ops->owner)) {
		put_device(&c->dev);
		return ERR_PTR(-ENODEV);
	}
	return c;
}
