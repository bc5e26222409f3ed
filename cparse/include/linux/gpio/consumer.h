/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: GPIO descriptors (minimal) */
#ifndef _PCSLINT_LINUX_GPIO_CONSUMER_H
#define _PCSLINT_LINUX_GPIO_CONSUMER_H

#include <linux/err.h>
#include <linux/types.h>

struct device;
struct gpio_desc;

enum gpiod_flags {
	GPIOD_ASIS	= 0,
	GPIOD_IN	= 1,
	GPIOD_OUT_LOW	= 3,
	GPIOD_OUT_HIGH	= 7,
};

struct gpio_desc *__must_check gpiod_get(struct device *dev, const char *con_id,
					 enum gpiod_flags flags);
struct gpio_desc *__must_check gpiod_get_optional(struct device *dev,
						  const char *con_id,
						  enum gpiod_flags flags);
struct gpio_desc *__must_check gpiod_get_index(struct device *dev,
					       const char *con_id,
					       unsigned int idx,
					       enum gpiod_flags flags);
struct gpio_desc *__must_check gpiod_get_index_optional(struct device *dev,
							const char *con_id,
							unsigned int index,
							enum gpiod_flags flags);
void gpiod_put(struct gpio_desc *desc);
struct gpio_desc *__must_check devm_gpiod_get_index(struct device *dev,
						    const char *con_id,
						    unsigned int idx,
						    enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_index_optional(struct device *dev,
							     const char *con_id,
							     unsigned int index,
							     enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get(struct device *dev,
					      const char *con_id,
					      enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_optional(struct device *dev,
						       const char *con_id,
						       enum gpiod_flags flags);
void devm_gpiod_put(struct device *dev, struct gpio_desc *desc);
int gpiod_get_value(const struct gpio_desc *desc);
int gpiod_set_value(struct gpio_desc *desc, int value);
int gpiod_get_value_cansleep(const struct gpio_desc *desc);
int gpiod_set_value_cansleep(struct gpio_desc *desc, int value);

struct gpio_desc *__must_check gpiod_get_index(struct device *dev, const char *con_id,
					       unsigned int idx, enum gpiod_flags flags);
struct gpio_desc *__must_check gpiod_get_index_optional(struct device *dev, const char *con_id,
							unsigned int index, enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_index(struct device *dev, const char *con_id,
						    unsigned int idx, enum gpiod_flags flags);
struct gpio_desc *__must_check devm_gpiod_get_index_optional(struct device *dev, const char *con_id,
							     unsigned int index, enum gpiod_flags flags);

#endif /* _PCSLINT_LINUX_GPIO_CONSUMER_H */
