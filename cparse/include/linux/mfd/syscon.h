/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_MFD_SYSCON_H
#define _PCSLINT_LINUX_MFD_SYSCON_H

#include <linux/err.h>
#include <linux/errno.h>

struct device_node;
struct regmap;

struct regmap *device_node_to_regmap(struct device_node *np);
struct regmap *syscon_node_to_regmap(struct device_node *np);
struct regmap *syscon_regmap_lookup_by_compatible(const char *s);
struct regmap *syscon_regmap_lookup_by_phandle(struct device_node *np,
					       const char *property);
struct regmap *syscon_regmap_lookup_by_phandle_args(struct device_node *np,
						    const char *property,
						    int arg_count,
						    unsigned int *out_args);

#endif /* _PCSLINT_LINUX_MFD_SYSCON_H */
