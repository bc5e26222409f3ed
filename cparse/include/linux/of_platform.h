/* SPDX-License-Identifier: GPL-2.0+ */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_OF_PLATFORM_H
#define _PCSLINT_LINUX_OF_PLATFORM_H

#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/platform_device.h>

struct of_dev_auxdata {
	char *compatible;
	resource_size_t phys_addr;
	char *name;
	void *platform_data;
};

extern const struct of_device_id of_default_bus_match_table[];

/*
 * Returns the platform device of np with a reference on its struct device
 * (put_device(&pdev->dev) or platform_device_put() drops it). The device
 * may be unbound, or get unbound at any time.
 */
extern struct platform_device *of_find_device_by_node(struct device_node *np);

extern struct platform_device *of_device_alloc(struct device_node *np,
					       const char *bus_id,
					       struct device *parent);
extern int of_platform_device_destroy(struct device *dev, void *data);

extern int of_platform_bus_probe(struct device_node *root,
				 const struct of_device_id *matches,
				 struct device *parent);
extern int of_platform_populate(struct device_node *root,
				const struct of_device_id *matches,
				const struct of_dev_auxdata *lookup,
				struct device *parent);
extern int of_platform_default_populate(struct device_node *root,
					const struct of_dev_auxdata *lookup,
					struct device *parent);
extern void of_platform_depopulate(struct device *parent);
extern int devm_of_platform_populate(struct device *dev);
extern void devm_of_platform_depopulate(struct device *dev);

#endif /* _PCSLINT_LINUX_OF_PLATFORM_H */
