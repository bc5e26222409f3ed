/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: device classes. class_find_device*() return a
 * counted reference: put_device() drops it.
 */
#ifndef _PCSLINT_LINUX_DEVICE_CLASS_H
#define _PCSLINT_LINUX_DEVICE_CLASS_H

#include <linux/kobject.h>
#include <linux/device/bus.h>
#include <linux/types.h>

struct device;
struct device_node;
struct fwnode_handle;
struct attribute_group;

struct class {
	const char		*name;
	const struct attribute_group	**class_groups;
	const struct attribute_group	**dev_groups;
	void (*class_release)(const struct class *class);
	void (*dev_release)(struct device *dev);
};

int __must_check class_register(const struct class *class);
void class_unregister(const struct class *class);
struct class * __must_check class_create(const char *name);
void class_destroy(const struct class *cls);


struct device *class_find_device(const struct class *class, const struct device *start,
				 const void *data,
				 int (*match)(struct device *, const void *));

static inline struct device *class_find_device_by_name(const struct class *class,
						       const char *name)
{
	return class_find_device(class, NULL, name, device_match_name);
}

static inline struct device *class_find_device_by_of_node(const struct class *class,
							  const struct device_node *np)
{
	return class_find_device(class, NULL, np, device_match_of_node);
}

static inline struct device *class_find_device_by_fwnode(const struct class *class,
							 const struct fwnode_handle *fwnode)
{
	return class_find_device(class, NULL, fwnode, device_match_fwnode);
}

#endif /* _PCSLINT_LINUX_DEVICE_CLASS_H */
