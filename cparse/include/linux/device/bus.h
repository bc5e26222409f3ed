/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: buses. bus_find_device*() return a counted
 * reference: put_device() drops it.
 */
#ifndef _PCSLINT_LINUX_DEVICE_BUS_H
#define _PCSLINT_LINUX_DEVICE_BUS_H

#include <linux/kobject.h>
#include <linux/types.h>

struct device;
struct device_driver;
struct device_node;
struct fwnode_handle;
struct attribute_group;
struct kobj_uevent_env;
struct dev_pm_ops;

struct bus_type {
	const char		*name;
	const char		*dev_name;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;

	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*uevent)(const struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);

	const struct dev_pm_ops *pm;
	bool need_parent_lock;
};

int __must_check bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);
int __must_check bus_rescan_devices(const struct bus_type *bus);

int device_match_name(struct device *dev, const void *name);
int device_match_of_node(struct device *dev, const void *np);
int device_match_fwnode(struct device *dev, const void *fwnode);
int device_match_devt(struct device *dev, const void *pdevt);
int device_match_any(struct device *dev, const void *unused);

int bus_for_each_dev(const struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data));
struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data,
			       int (*match)(struct device *dev, const void *data));

static inline struct device *bus_find_device_by_name(const struct bus_type *bus,
						     struct device *start,
						     const char *name)
{
	return bus_find_device(bus, start, name, device_match_name);
}

static inline struct device *
bus_find_device_by_of_node(const struct bus_type *bus, const struct device_node *np)
{
	return bus_find_device(bus, NULL, np, device_match_of_node);
}

static inline struct device *
bus_find_device_by_fwnode(const struct bus_type *bus, const struct fwnode_handle *fwnode)
{
	return bus_find_device(bus, NULL, fwnode, device_match_fwnode);
}

static inline struct device *bus_find_device_by_devt(const struct bus_type *bus,
						     dev_t devt)
{
	return bus_find_device(bus, NULL, &devt, device_match_devt);
}

static inline struct device *
bus_find_next_device(const struct bus_type *bus, struct device *cur)
{
	return bus_find_device(bus, cur, NULL, device_match_any);
}

int bus_for_each_drv(const struct bus_type *bus, struct device_driver *start,
		     void *data, int (*fn)(struct device_driver *, void *));

#endif /* _PCSLINT_LINUX_DEVICE_BUS_H */
