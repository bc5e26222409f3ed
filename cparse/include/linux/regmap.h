/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: register maps (minimal; the kernel's init functions are macros over __regmap_init*()) */
#ifndef _PCSLINT_LINUX_REGMAP_H
#define _PCSLINT_LINUX_REGMAP_H

#include <linux/err.h>
#include <linux/types.h>
#include <linux/lockdep_types.h>

struct device;
struct device_node;
struct regmap;

struct regmap_config {
	const char *name;
	int reg_bits;
	int reg_stride;
	int val_bits;
	unsigned int max_register;
	bool fast_io;
	bool disable_locking;
};

struct regmap *__devm_regmap_init_mmio_clk(struct device *dev,
					   const char *clk_id,
					   void __iomem *regs,
					   const struct regmap_config *config,
					   struct lock_class_key *lock_key,
					   const char *lock_name);
#define devm_regmap_init_mmio_clk(dev, clk_id, regs, config)		\
	({								\
		static struct lock_class_key _key;			\
		__devm_regmap_init_mmio_clk(dev, clk_id, regs, config,	\
					    &_key, #config);		\
	})
#define devm_regmap_init_mmio(dev, regs, config)		\
	devm_regmap_init_mmio_clk(dev, NULL, regs, config)

void regmap_exit(struct regmap *map);
struct regmap *dev_get_regmap(struct device *dev, const char *name);
struct regmap *syscon_node_to_regmap(struct device_node *np);
struct regmap *syscon_regmap_lookup_by_phandle(struct device_node *np,
					       const char *property);

int regmap_write(struct regmap *map, unsigned int reg, unsigned int val);
int regmap_read(struct regmap *map, unsigned int reg, unsigned int *val);
int regmap_update_bits_base(struct regmap *map, unsigned int reg,
			    unsigned int mask, unsigned int val,
			    bool *change, bool async, bool force);

static inline int regmap_update_bits(struct regmap *map, unsigned int reg,
				     unsigned int mask, unsigned int val)
{
	return regmap_update_bits_base(map, reg, mask, val, NULL, false, false);
}

static inline int regmap_set_bits(struct regmap *map,
				  unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, bits, NULL, false, false);
}

static inline int regmap_clear_bits(struct regmap *map,
				    unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, 0, NULL, false, false);
}

#endif /* _PCSLINT_LINUX_REGMAP_H */
