/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: platform devices and drivers (6.12: void .remove) */
#ifndef _PCSLINT_LINUX_PLATFORM_DEVICE_H
#define _PCSLINT_LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>

struct mfd_cell;
struct property_entry;

struct platform_device {
	const char	*name;
	int		id;
	bool		id_auto;
	struct device	dev;
	u64		platform_dma_mask;
	u32		num_resources;
	struct resource	*resource;

	const struct platform_device_id	*id_entry;
	struct mfd_cell *mfd_cell;
};

#define platform_get_device_id(pdev)	((pdev)->id_entry)

extern const struct bus_type platform_bus_type;
extern struct device platform_bus;

#define dev_is_platform(dev)	((dev)->bus == &platform_bus_type)
#define to_platform_device(x)	container_of((x), struct platform_device, dev)

extern int platform_device_register(struct platform_device *);
extern void platform_device_unregister(struct platform_device *);

extern struct resource *platform_get_resource(struct platform_device *,
					      unsigned int, unsigned int);
extern struct resource *platform_get_resource_byname(struct platform_device *,
						     unsigned int,
						     const char *);
extern void __iomem *
devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
				unsigned int index, struct resource **res);
extern void __iomem *
devm_platform_ioremap_resource(struct platform_device *pdev,
			       unsigned int index);
extern void __iomem *
devm_platform_ioremap_resource_byname(struct platform_device *pdev,
				      const char *name);
extern int platform_get_irq(struct platform_device *, unsigned int);
extern int platform_get_irq_optional(struct platform_device *, unsigned int);
extern int platform_get_irq_byname(struct platform_device *, const char *);
extern int platform_irq_count(struct platform_device *);

extern struct platform_device *platform_device_register_full(
		const void *pdevinfo);
extern struct platform_device *platform_device_register_simple(
		const char *name, int id, const struct resource *res,
		unsigned int num);
extern struct platform_device *platform_device_register_data(
		struct device *parent, const char *name, int id,
		const void *data, size_t size);

extern struct platform_device *platform_device_alloc(const char *name, int id);
extern int platform_device_add_resources(struct platform_device *pdev,
					 const struct resource *res,
					 unsigned int num);
extern int platform_device_add_data(struct platform_device *pdev,
				    const void *data, size_t size);
extern int platform_device_add(struct platform_device *pdev);
extern void platform_device_del(struct platform_device *pdev);
/* drops the reference platform_device_alloc() or a lookup returned */
extern void platform_device_put(struct platform_device *pdev);

struct platform_driver {
	int (*probe)(struct platform_device *);

	/* .remove_new is the name .remove had during the void conversion */
	union {
		void (*remove)(struct platform_device *);
		void (*remove_new)(struct platform_device *);
	};

	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};

#define to_platform_driver(drv)	(container_of((drv), struct platform_driver, \
				 driver))

/* the driver's module registers it: owner is THIS_MODULE */
#define platform_driver_register(drv) \
	__platform_driver_register(drv, THIS_MODULE)
extern int __platform_driver_register(struct platform_driver *,
					struct module *);
extern void platform_driver_unregister(struct platform_driver *);

#define platform_driver_probe(drv, probe) \
	__platform_driver_probe(drv, probe, THIS_MODULE)
extern int __platform_driver_probe(struct platform_driver *driver,
		int (*probe)(struct platform_device *), struct module *module);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#define module_platform_driver(__platform_driver) \
	module_driver(__platform_driver, platform_driver_register, \
			platform_driver_unregister)

#define builtin_platform_driver(__platform_driver) \
	builtin_driver(__platform_driver, platform_driver_register)

#endif /* _PCSLINT_LINUX_PLATFORM_DEVICE_H */
