package cn.onehall.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.springframework.stereotype.Component;

import cn.onehall.catalog.item.Guide;
import cn.onehall.catalog.item.GuideContent.Material;
import cn.onehall.catalog.item.GuideContent.ProcessStep;
import cn.onehall.starter.codes.RegionCode;
import jakarta.annotation.PreDestroy;

/**
 * This replica's in-memory Lucene index of the listed (published, not revoked) items. Words are cut by the smartcn
 * analyzer; each text is also indexed as CJK bigrams, so a word smartcn does not know (a place name, a new term) still
 * matches by its character pairs, ranked below a word match. Names weigh most, then keywords and synonyms, then the
 * guide's text. Rebuilt at start and kept current from the catalogue's own publish events ({@link SearchIndexUpdates}).
 */
@Component
public class ItemSearchIndex {

    static final String CODE = "code";
    static final String NAME = "name";
    static final String KEYWORDS = "keywords";
    static final String TEXT = "text";
    static final String BIGRAM = "_bi";
    static final String REGION = "region";
    static final String THEME = "theme";
    static final String OBJECT = "serviceObject";
    static final String DEPARTMENT = "department";
    static final String POWER_TYPE = "powerType";
    static final String DEPTH = "onlineDepth";
    static final String VISITS = "visits";

    private static final Map<String, Float> WEIGHTS = Map.of(NAME, 8f, KEYWORDS, 4f, TEXT, 1f, NAME + BIGRAM, 3f, KEYWORDS + BIGRAM, 1.5f,
            TEXT + BIGRAM, 0.4f);

    public record Filters(String region, String theme, String serviceObject, String department, String powerType, Integer onlineDepth,
                          Integer visits) {
    }

    public record Hit(String code, String name, String highlightedName, String snippet, float score, String regionCode, String departmentCode,
                      String departmentName, String powerType, int onlineDepth, int visits) {
    }

    private final Analyzer words = new SmartChineseAnalyzer();
    private final Analyzer bigrams = new CJKAnalyzer();
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    ItemSearchIndex() {
        Map<String, Analyzer> perField = new LinkedHashMap<>();
        for (String f : List.of(NAME, KEYWORDS, TEXT)) {
            perField.put(f + BIGRAM, bigrams);
        }
        analyzer = new PerFieldAnalyzerWrapper(words, perField);
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces the item's document. */
    public void put(Guide g) {
        Document doc = new Document();
        doc.add(new StringField(CODE, g.code(), Field.Store.YES));
        String keywords = String.join(" ", concat(g.keywords(), g.synonyms()));
        List<String> text = new ArrayList<>();
        text.add(g.departmentName());
        text.addAll(g.conditions());
        g.materials().stream().map(Material::name).forEach(text::add);
        g.processSteps().stream().map(s -> s.name() + (s.description() == null ? "" : " " + s.description())).forEach(text::add);
        String body = String.join("；", text);
        for (String[] f : new String[][] {{NAME, g.name()}, {KEYWORDS, keywords}, {TEXT, body}}) {
            doc.add(new TextField(f[0], f[1], Field.Store.YES));
            doc.add(new TextField(f[0] + BIGRAM, f[1], Field.Store.NO));
        }
        doc.add(new StringField(REGION, g.regionCode(), Field.Store.YES));
        g.themes().forEach(t -> doc.add(new StringField(THEME, t, Field.Store.NO)));
        g.serviceObjects().forEach(o -> doc.add(new StringField(OBJECT, o.name(), Field.Store.NO)));
        doc.add(new StringField(DEPARTMENT, g.departmentCode(), Field.Store.YES));
        doc.add(new StoredField("departmentName", g.departmentName()));
        doc.add(new StringField(POWER_TYPE, g.powerType().name(), Field.Store.YES));
        doc.add(new StringField(DEPTH, Integer.toString(g.onlineDepth()), Field.Store.YES));
        doc.add(new StringField(VISITS, Integer.toString(g.visits()), Field.Store.YES));
        try {
            writer.updateDocument(new Term(CODE, g.code()), doc);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String code) {
        try {
            writer.deleteDocuments(new Term(CODE, code));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear() {
        try {
            writer.deleteAll();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ranked hits with highlights (matched words in {@code <em>}); empty when the words match nothing. */
    public List<Hit> search(String q, Filters filters, int limit) {
        // Whole words first; single characters are left to the bigram fields, where they only count as pairs.
        BooleanQuery.Builder matching = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, Float> field : WEIGHTS.entrySet()) {
            if (field.getKey().endsWith(BIGRAM)) {
                Set<String> pairs = terms(bigrams, field.getKey(), q);
                if (pairs.isEmpty()) {
                    continue;
                }
                BooleanQuery.Builder all = new BooleanQuery.Builder();
                pairs.forEach(t -> all.add(new TermQuery(new Term(field.getKey(), t)), Occur.SHOULD));
                // Most of the pairs must be there: a shared character pair alone is not a match.
                all.setMinimumNumberShouldMatch(Math.max(1, (int) Math.ceil(pairs.size() * 0.6)));
                matching.add(new BoostQuery(all.build(), field.getValue()), Occur.SHOULD);
                clauses++;
            } else {
                for (String term : terms(words, field.getKey(), q)) {
                    if (term.codePointCount(0, term.length()) < 2) {
                        continue;
                    }
                    matching.add(new BoostQuery(new TermQuery(new Term(field.getKey(), term)), field.getValue()), Occur.SHOULD);
                    clauses++;
                }
            }
        }
        if (clauses == 0) {
            return List.of();
        }
        Query wordQuery = matching.build();
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(wordQuery, Occur.MUST);
        if (filters.region() != null) {
            BooleanQuery.Builder regions = new BooleanQuery.Builder();
            for (String r = filters.region(); r != null; r = RegionCode.parent(r)) {
                regions.add(new TermQuery(new Term(REGION, r)), Occur.SHOULD);
            }
            query.add(regions.build(), Occur.FILTER);
        }
        filter(query, THEME, filters.theme());
        filter(query, OBJECT, filters.serviceObject());
        filter(query, DEPARTMENT, filters.department());
        filter(query, POWER_TYPE, filters.powerType());
        filter(query, DEPTH, filters.onlineDepth() == null ? null : filters.onlineDepth().toString());
        filter(query, VISITS, filters.visits() == null ? null : filters.visits().toString());
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query.build(), limit);
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = searcher.storedFields().document(sd.doc);
                    String name = d.get(NAME);
                    String text = d.get(TEXT);
                    hits.add(new Hit(d.get(CODE), name, highlight(wordQuery, name, NAME), snippet(wordQuery, text), sd.score, d.get(REGION), d.get(DEPARTMENT),
                            d.get("departmentName"), d.get(POWER_TYPE), Integer.parseInt(d.get(DEPTH)), Integer.parseInt(d.get(VISITS))));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    /** The name with matched words marked; by bigrams when no whole word matched; the plain name otherwise. */
    private String highlight(Query query, String value, String field) {
        String marked = best(query, field, words, value);
        if (marked == null) {
            marked = best(query, field + BIGRAM, bigrams, value);
        }
        return marked == null ? value : marked;
    }

    private String snippet(Query query, String text) {
        String marked = best(query, TEXT, words, text);
        if (marked == null) {
            marked = best(query, TEXT + BIGRAM, bigrams, text);
        }
        return marked;
    }

    private static String best(Query query, String field, Analyzer analyzer, String value) {
        Highlighter h = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new QueryScorer(query, field));
        try {
            return h.getBestFragment(analyzer, field, value);
        } catch (IOException | InvalidTokenOffsetsException e) {
            return null;
        }
    }

    private static Set<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < 64) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @PreDestroy
    void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
