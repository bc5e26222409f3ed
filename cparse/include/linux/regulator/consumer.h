/* SPDX-License-Identifier: GPL-2.0-only */
/* pcslint stub header: regulators (minimal) */
#ifndef _PCSLINT_LINUX_REGULATOR_CONSUMER_H
#define _PCSLINT_LINUX_REGULATOR_CONSUMER_H

#include <linux/err.h>

struct device;
struct regulator;

struct regulator *__must_check regulator_get(struct device *dev, const char *id);
struct regulator *__must_check devm_regulator_get(struct device *dev, const char *id);
struct regulator *__must_check regulator_get_optional(struct device *dev, const char *id);
struct regulator *__must_check devm_regulator_get_optional(struct device *dev, const char *id);
void regulator_put(struct regulator *regulator);
int regulator_enable(struct regulator *regulator);
int regulator_disable(struct regulator *regulator);
int devm_regulator_get_enable(struct device *dev, const char *id);

#endif /* _PCSLINT_LINUX_REGULATOR_CONSUMER_H */
