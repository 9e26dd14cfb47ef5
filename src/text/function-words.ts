/** English closed-class words: determiners, pronouns, prepositions, conjunctions, auxiliaries, particles. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above across after against along amid among an and another any anybody anyone anything are aren't
around as at be because been before behind being below beneath beside besides between beyond both but by
can cannot could couldn't did didn't do does doesn't doing don't down during each either else enough even
ever every everybody everyone everything few for from further had hadn't has hasn't have haven't having he
her hers herself him himself his how however i if in inside into is isn't it its itself just least less
many may me might mine more most much must my myself near neither no nobody none nor not nothing now of off
on once one only onto or other others ought our ours ourselves out outside over own per rather same shall
she should shouldn't since so some somebody someone something such than that the their theirs them
themselves then there these they this those though through throughout thus till to too toward towards
under unless until up upon us very via was wasn't we were weren't what whatever when whenever where
whereas wherever whether which while who whoever whom whose why will with within without won't would
wouldn't yet you your yours yourself yourselves 's 't 're 've 'll 'd 'm also still already again`.split(/\s+/),
);
