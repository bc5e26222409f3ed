/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: reset controllers (minimal) */
#ifndef _PCSLINT_LINUX_RESET_H
#define _PCSLINT_LINUX_RESET_H

#include <linux/err.h>
#include <linux/types.h>

struct device;
struct device_node;
struct reset_control;

int reset_control_reset(struct reset_control *rstc);
int reset_control_assert(struct reset_control *rstc);
int reset_control_deassert(struct reset_control *rstc);
void reset_control_put(struct reset_control *rstc);

struct reset_control *__reset_control_get(struct device *dev, const char *id,
					  int index, bool shared,
					  bool optional, bool acquired);
struct reset_control *__devm_reset_control_get(struct device *dev,
				     const char *id, int index, bool shared,
				     bool optional, bool acquired);
struct reset_control *__of_reset_control_get(struct device_node *node,
				     const char *id, int index, bool shared,
				     bool optional, bool acquired);

static inline struct reset_control *
reset_control_get_exclusive(struct device *dev, const char *id)
{
	return __reset_control_get(dev, id, 0, false, false, true);
}

static inline struct reset_control *
reset_control_get_optional_exclusive(struct device *dev, const char *id)
{
	return __reset_control_get(dev, id, 0, false, true, true);
}

static inline struct reset_control *
reset_control_get_shared(struct device *dev, const char *id)
{
	return __reset_control_get(dev, id, 0, true, false, false);
}

static inline struct reset_control *
devm_reset_control_get_exclusive(struct device *dev, const char *id)
{
	return __devm_reset_control_get(dev, id, 0, false, false, true);
}

static inline struct reset_control *
devm_reset_control_get_optional_exclusive(struct device *dev, const char *id)
{
	return __devm_reset_control_get(dev, id, 0, false, true, true);
}

static inline struct reset_control *
devm_reset_control_get_shared(struct device *dev, const char *id)
{
	return __devm_reset_control_get(dev, id, 0, true, false, false);
}

static inline struct reset_control *
of_reset_control_get_exclusive(struct device_node *node, const char *id)
{
	return __of_reset_control_get(node, id, 0, false, false, true);
}

#endif /* _PCSLINT_LINUX_RESET_H */
