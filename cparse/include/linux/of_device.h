/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_OF_DEVICE_H
#define _PCSLINT_LINUX_OF_DEVICE_H

#include <linux/device.h>
#include <linux/of.h>
#include <linux/mod_devicetable.h>

extern const struct of_device_id *of_match_device(
	const struct of_device_id *matches, const struct device *dev);

static inline int of_driver_match_device(struct device *dev,
					 const struct device_driver *drv)
{
	return of_match_device(drv->of_match_table, dev) != NULL;
}

extern ssize_t of_device_modalias(struct device *dev, char *str, ssize_t len);
extern int of_device_request_module(struct device *dev);
extern int of_dma_configure_id(struct device *dev, struct device_node *np,
			       bool force_dma, const u32 *id);

#endif /* _PCSLINT_LINUX_OF_DEVICE_H */
