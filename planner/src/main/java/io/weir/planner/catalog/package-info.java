/** The catalog: tables and views with their definitions, persisted through a {@link io.weir.planner.catalog.CatalogStore}. */
package io.weir.planner.catalog;
