/**
 * The colours of chemical classes, made by scripts/palette/make_class_palette.py (Glasbey et al. 2007, with
 * simulated colour-vision deficiencies after Machado et al. 2009; see the script). Smallest CIE76 delta E between
 * any two of the first k colours, normal vision / protanopia / deuteranopia / tritanopia:
 * - first 8: 24.4 / 23.3 / 24.2 / 23.0
 * - first 12: 17.4 / 17.0 / 15.8 / 16.6
 * - first 24: 11.6 / 11.1 / 10.8 / 11.3
 * Beyond what colour can carry (more classes than colours, or two colours close for a reader), every view also
 * names the class: labels on the PCA and the dendrogram's class strip, the legend, the tooltips.
 */
export const CLASS_PALETTE: readonly string[] = ["#c30087", "#b4d23c", "#00781e", "#ffa5a5", "#00c3ff", "#695ad2", "#b45a69", "#69b44b", "#ff69b4", "#a569c3", "#9687ff", "#87a569", "#c32d1e", "#e1c378", "#a58700", "#4bb487", "#d287e1", "#964b69", "#d24b4b", "#2d6996", "#b46987", "#b4a500", "#874bb4", "#ff965a"];
