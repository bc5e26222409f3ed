/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: the driver model.
 *
 * get_device() keeps the struct device allocated; it does not keep the
 * device bound to its driver nor its driver data alive. Managed device
 * links (device_link_add() without DL_FLAG_STATELESS) make the driver core
 * unbind the consumer before the supplier.
 */
#ifndef _PCSLINT_LINUX_DEVICE_H
#define _PCSLINT_LINUX_DEVICE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pm.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/cleanup.h>
#include <linux/printk.h>
#include <linux/module.h>
#include <linux/device/bus.h>
#include <linux/device/class.h>
#include <linux/device/devres.h>
#include <linux/device/driver.h>
#include <linux/dev_printk.h>

struct device_node;
struct fwnode_handle;
struct device_private;
struct device_type;
struct attribute_group;
struct iommu_group;
struct dev_pin_info;

enum dl_dev_state {
	DL_DEV_NO_DRIVER = 0,
	DL_DEV_PROBING,
	DL_DEV_DRIVER_BOUND,
	DL_DEV_UNBINDING,
};

struct dev_links_info {
	struct list_head suppliers;
	struct list_head consumers;
	struct list_head defer_sync;
	enum dl_dev_state status;
};

struct device {
	struct kobject kobj;
	struct device		*parent;

	struct device_private	*p;

	const char		*init_name;
	const struct device_type *type;

	const struct bus_type	*bus;
	struct device_driver	*driver;	/* the bound driver, NULL when unbound */
	void		*platform_data;
	void		*driver_data;	/* dev_set_drvdata() / dev_get_drvdata() */
	struct mutex		mutex;

	struct dev_links_info	links;
	struct dev_pm_info	power;

	u64		*dma_mask;
	u64		coherent_dma_mask;

	struct device_node	*of_node;
	struct fwnode_handle	*fwnode;

	dev_t			devt;
	u32			id;

	struct list_head	devres_head;

	const struct class	*class;
	const struct attribute_group **groups;

	void	(*release)(struct device *dev);
	struct iommu_group	*iommu_group;

	bool			offline_disabled:1;
	bool			offline:1;
	bool			of_node_reused:1;
	bool			state_synced:1;
};

struct device_type {
	const char *name;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	const struct dev_pm_ops *pm;
};

/* device links: consumer depends on supplier */
#define DL_FLAG_STATELESS		BIT(0)
#define DL_FLAG_AUTOREMOVE_CONSUMER	BIT(1)
#define DL_FLAG_PM_RUNTIME		BIT(2)
#define DL_FLAG_RPM_ACTIVE		BIT(3)
#define DL_FLAG_AUTOREMOVE_SUPPLIER	BIT(4)
#define DL_FLAG_AUTOPROBE_CONSUMER	BIT(5)
#define DL_FLAG_MANAGED			BIT(6)
#define DL_FLAG_SYNC_STATE_ONLY		BIT(7)
#define DL_FLAG_INFERRED		BIT(8)
#define DL_FLAG_CYCLE			BIT(9)

enum device_link_state {
	DL_STATE_NONE = -1,
	DL_STATE_DORMANT = 0,
	DL_STATE_AVAILABLE,
	DL_STATE_CONSUMER_PROBE,
	DL_STATE_ACTIVE,
	DL_STATE_SUPPLIER_UNBIND,
};

struct device_link {
	struct device *supplier;
	struct list_head s_node;
	struct device *consumer;
	struct list_head c_node;
	struct device link_dev;
	enum device_link_state status;
	u32 flags;
	refcount_t rpm_active;
	struct kref kref;
	bool supplier_preactivated;
};

static inline const char *dev_name(const struct device *dev)
{
	/* use the init name until the kobject has a name */
	if (dev->init_name)
		return dev->init_name;

	return kobject_name(&dev->kobj);
}

__printf(2, 3) int dev_set_name(struct device *dev, const char *name, ...);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline struct device_node *dev_of_node(struct device *dev)
{
	return dev->of_node;
}

static inline bool device_is_registered(struct device *dev)
{
	return dev->kobj.state_in_sysfs;
}

static inline bool dev_has_sync_state(struct device *dev)
{
	return dev->driver && dev->driver->sync_state;
}

int __must_check device_register(struct device *dev);
void device_unregister(struct device *dev);
void device_initialize(struct device *dev);
int __must_check device_add(struct device *dev);
void device_del(struct device *dev);

DEFINE_FREE(device_del, struct device *, if (_T) device_del(_T))

int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data));
struct device *device_find_child(struct device *parent, void *data,
				 int (*match)(struct device *dev, void *data));
struct device *device_find_child_by_name(struct device *parent,
					 const char *name);
struct device *device_find_any_child(struct device *parent);
__printf(5, 6) struct device *
device_create(const struct class *cls, struct device *parent, dev_t devt,
	      void *drvdata, const char *fmt, ...);

void device_set_node(struct device *dev, struct fwnode_handle *fwnode);
void device_set_of_node_from_dev(struct device *dev, const struct device *dev2);

int __must_check device_bind_driver(struct device *dev);
void device_release_driver(struct device *dev);
int  __must_check device_attach(struct device *dev);
int __must_check driver_attach(const struct device_driver *drv);
int __must_check device_reprobe(struct device *dev);
bool device_is_bound(struct device *dev);

struct device *__root_device_register(const char *name, struct module *owner);
#define root_device_register(name) \
	__root_device_register(name, THIS_MODULE)
void root_device_unregister(struct device *root);

/* keeps the memory of dev, not its driver binding */
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

DEFINE_FREE(put_device, struct device *, if (_T) put_device(_T))

bool kill_device(struct device *dev);

const char *dev_driver_string(const struct device *dev);

struct device_link *device_link_add(struct device *consumer,
				    struct device *supplier, u32 flags);
void device_link_del(struct device_link *link);
void device_link_remove(void *consumer, struct device *supplier);
void device_links_supplier_sync_state_pause(void);
void device_links_supplier_sync_state_resume(void);
void device_link_wait_removal(void);

static inline bool device_link_test(const struct device_link *link, u32 flags)
{
	return !!(link->flags & flags);
}

static inline int dev_to_node(struct device *dev)
{
	return NUMA_NO_NODE;
}

struct device *device_create(const struct class *cls, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...);

#endif /* _PCSLINT_LINUX_DEVICE_H */
