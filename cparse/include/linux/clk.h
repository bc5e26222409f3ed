/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: clocks. clk_get() returns a counted handle. */
#ifndef _PCSLINT_LINUX_CLK_H
#define _PCSLINT_LINUX_CLK_H

#include <linux/err.h>
#include <linux/types.h>
#include <linux/cleanup.h>

struct device;
struct device_node;
struct clk;

struct clk_bulk_data {
	const char		*id;
	struct clk		*clk;
};

struct clk *clk_get(struct device *dev, const char *id);
struct clk *clk_get_optional(struct device *dev, const char *id);
void clk_put(struct clk *clk);
struct clk *of_clk_get(struct device_node *np, int index);
struct clk *of_clk_get_by_name(struct device_node *np, const char *name);

struct clk *devm_clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get_optional(struct device *dev, const char *id);
struct clk *devm_clk_get_enabled(struct device *dev, const char *id);
struct clk *devm_clk_get_optional_enabled(struct device *dev, const char *id);
struct clk *devm_clk_get_prepared(struct device *dev, const char *id);
void devm_clk_put(struct device *dev, struct clk *clk);

int __must_check clk_bulk_get(struct device *dev, int num_clks,
			      struct clk_bulk_data *clks);
void clk_bulk_put(int num_clks, struct clk_bulk_data *clks);
int __must_check devm_clk_bulk_get(struct device *dev, int num_clks,
				   struct clk_bulk_data *clks);
int __must_check devm_clk_bulk_get_all(struct device *dev,
				       struct clk_bulk_data **clks);

int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
unsigned long clk_get_rate(struct clk *clk);
struct notifier_block;
int clk_notifier_register(struct clk *clk, struct notifier_block *nb);
int clk_notifier_unregister(struct clk *clk, struct notifier_block *nb);
int clk_set_rate(struct clk *clk, unsigned long rate);

static inline int clk_prepare_enable(struct clk *clk)
{
	int ret;

	ret = clk_prepare(clk);
	if (ret)
		return ret;
	ret = clk_enable(clk);
	if (ret)
		clk_unprepare(clk);

	return ret;
}

static inline void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

int __must_check clk_bulk_prepare_enable(int num_clks, const struct clk_bulk_data *clks);
void clk_bulk_disable_unprepare(int num_clks, const struct clk_bulk_data *clks);

DEFINE_FREE(clk_put, struct clk *, if (!IS_ERR_OR_NULL(_T)) clk_put(_T))

#endif /* _PCSLINT_LINUX_CLK_H */
