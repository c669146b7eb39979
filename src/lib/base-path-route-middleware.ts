/**
 * Starlight route middleware (added by starlightBasePath() in src/lib/base-path.ts): the base in
 * front of the links of a splash page's hero actions, which come from its frontmatter as written.
 * starlight-links-validator's own middleware runs first and validates the links this one leaves.
 */
import { defineRouteMiddleware } from "@astrojs/starlight/route-data";
import { withBase } from "./base-path";

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const hero = route.entry.data.hero;
  if (!hero || hero.actions.length === 0) return;
  // A new entry rather than a changed one: the collection's entry is shared by every render of it.
  route.entry = {
    ...route.entry,
    data: {
      ...route.entry.data,
      hero: {
        ...hero,
        actions: hero.actions.map((action) => ({ ...action, link: withBase(action.link, import.meta.env.BASE_URL) })),
      },
    },
  };
});
