<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/document.xsl: the document page (unnamed mode, entered at the TEI document node)
  and mode "document" (one <article> per document div).

  Modes fail on unmatched input: a root that is not tei:TEI is reported by name, and only
  document divs (or a body without any) can become an article.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="document" on-no-match="fail" on-multiple-match="fail"/>

  <!-- A TEI file: one page holding its documents. -->
  <xsl:template match="document-node(element(tei:TEI))" as="element(html)">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="docs" as="element()*" select="enc:documents($tei)"/>
    <xsl:if test="empty($docs)">
      <xsl:sequence select="enc:fail($tei, 'the TEI file has no text/body')"/>
    </xsl:if>
    <xsl:variable name="edition" as="xs:string" select="enc:edition-title($edition-title)"/>
    <xsl:variable name="shown" as="xs:string" select="string-join($docs ! enc:display-title(.), '; ')"/>
    <xsl:call-template name="enc:html-page">
      <xsl:with-param name="title" select="$shown || ' — ' || $edition"/>
      <xsl:with-param name="lang" select="if (map:contains($enc:page, 'lang')) then enc:lang-tag($enc:page?lang) else enc:lang($tei)"/>
      <xsl:with-param name="body-class" select="'page-document'"/>
      <xsl:with-param name="description" select="enc:doc-description($docs[1], $edition)"/>
      <xsl:with-param name="canonical" select="string(($enc:page?canonical, '')[1])"/>
      <xsl:with-param name="content" as="node()*">
        <a class="skip-link" href="#main">Skip to the document</a>
        <header class="edition-header">
          <xsl:call-template name="enc:site-nav"/>
          <xsl:call-template name="enc:breadcrumb">
            <xsl:with-param name="edition" select="$edition"/>
            <xsl:with-param name="docs" select="$docs"/>
          </xsl:call-template>
        </header>
        <main id="main" tabindex="-1" data-pagefind-body="">
          <xsl:apply-templates select="$docs" mode="document"/>
          <xsl:call-template name="enc:doc-tools">
            <xsl:with-param name="doc" select="$docs[1]"/>
          </xsl:call-template>
        </main>
        <xsl:call-template name="enc:page-nav">
          <xsl:with-param name="edition" select="$edition"/>
        </xsl:call-template>
        <xsl:if test="map:size($enc:page) gt 0">
          <script src="site.js"></script>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="enc:lang-tag" as="xs:string">
    <xsl:param name="lang" as="item()?"/>
    <xsl:sequence select="if (matches(string($lang), '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$', ';j')) then string($lang) else 'en'"/>
  </xsl:function>

  <!-- The meta description: number, title, date, sender and recipient. -->
  <xsl:function name="enc:doc-description" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="edition" as="xs:string"/>
    <xsl:variable name="date" as="element(tei:date)?" select="enc:doc-date($doc)"/>
    <xsl:variable name="from" as="xs:string*" select="enc:parties($doc, 'from')"/>
    <xsl:variable name="to" as="xs:string*" select="enc:parties($doc, 'to')"/>
    <xsl:sequence select="enc:cut(string-join((enc:display-title($doc),
        $date ! enc:plain(.)[.],
        (if (exists(($from, $to))) then string-join($from, '; ') || ' to ' || string-join($to, '; ') else ()),
        'in ' || $edition), '. '), 300)"/>
  </xsl:function>

  <!-- Anything else handed to the document stylesheet is refused by name. -->
  <xsl:template match="document-node()" priority="-1" as="empty-sequence()">
    <xsl:sequence select="enc:fail(., 'not a TEI P5 document: the root element is '
        || (if (*) then 'Q{' || namespace-uri(*[1]) || '}' || local-name(*[1]) else 'missing'))"/>
  </xsl:template>

  <!-- The edition, its chapters and this document: where the reader is. -->
  <xsl:template name="enc:breadcrumb" as="element(nav)">
    <xsl:param name="edition" as="xs:string" required="yes"/>
    <xsl:param name="docs" as="element()*" required="yes"/>
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li><a href="{(enc:safe-page-href($index-href), 'index.html')[1]}">{$edition}</a></li>
        <xsl:for-each select="array:flatten(($enc:page?trail, [])[1])">
          <li><a href="index.html#{?id[enc:is-safe-id(.)]}">{?title}</a></li>
        </xsl:for-each>
        <li aria-current="page">{string-join($docs ! (if (enc:doc-number(.)) then 'Document ' || enc:doc-number(.) else enc:short-title(.)), '; ')}</li>
      </ol>
    </nav>
  </xsl:template>

  <!-- Links to the previous and next documents in the edition's order. -->
  <xsl:template name="enc:page-nav" as="element(nav)">
    <xsl:param name="edition" as="xs:string" required="yes"/>
    <nav class="edition-nav" aria-label="Previous and next document">
      <a class="nav-index" href="{(enc:safe-page-href($index-href), 'index.html')[1]}">{$edition}<span class="nav-hint"> · contents</span></a>
      <xsl:if test="map:contains($enc:page, 'position')">
        <span class="nav-position">Document {$enc:page?position} of {$enc:page?count}</span>
      </xsl:if>
      <span class="nav-steps">
        <xsl:for-each select="enc:safe-page-href($prev-href)">
          <a class="nav-prev" rel="prev" href="{.}">← Previous</a>
        </xsl:for-each>
        <xsl:for-each select="enc:safe-page-href($next-href)">
          <a class="nav-next" rel="next" href="{.}">Next →</a>
        </xsl:for-each>
      </span>
    </nav>
  </xsl:template>

  <!-- The site's pages (only in an edition: page-json given). -->
  <xsl:template name="enc:site-nav" as="element(nav)?">
    <xsl:if test="map:size($enc:page) gt 0">
      <nav class="site-nav" aria-label="Edition">
        <ul>
          <li><a href="index.html">Contents</a></li>
          <li><a href="chronology.html">Chronology</a></li>
          <li><a href="persons.html">Persons</a></li>
          <li><a href="places.html">Places</a></li>
          <xsl:if test="$enc:page?has_terms"><li><a href="terms.html">Terms</a></li></xsl:if>
          <li><a href="search.html">Search</a></li>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- This document's TEI and PDF, and how to cite it. -->
  <xsl:template name="enc:doc-tools" as="element()?">
    <xsl:param name="doc" as="element()"/>
    <xsl:if test="map:size($enc:page) gt 0">
      <xsl:variable name="cite" as="map(*)" select="$enc:page?cite"/>
      <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
      <xsl:variable name="title" as="xs:string" select="enc:doc-title($doc)"/>
      <xsl:variable name="editors" as="xs:string*" select="array:flatten($cite?editors) ! string(.)"/>
      <xsl:variable name="imprint" as="xs:string" select="string-join((
          string-join(($cite?place[string(.)], $cite?publisher[string(.)]) ! string(.), ': '),
          $cite?date[string(.)] ! string(.))[.], ', ')"/>
      <xsl:variable name="url" as="xs:string" select="string($cite?permalink)"/>
      <section class="doc-tools" aria-labelledby="tools-head" data-pagefind-ignore="">
        <h2 id="tools-head">About this document</h2>
        <ul class="doc-links">
          <xsl:if test="matches(string($enc:page?tei), '^\.\./tei/[A-Za-z0-9][A-Za-z0-9_.\-]*\.xml$', ';j')">
            <li><a href="{$enc:page?tei}" type="application/tei+xml">This document in TEI</a></li>
          </xsl:if>
          <xsl:if test="matches(string($enc:page?pdf), '^\.\./print/edition\.pdf#nameddest=[A-Za-z0-9_.\-]+$', ';j')">
            <li><a href="{$enc:page?pdf}" type="application/pdf">This document in the print edition (PDF)</a></li>
          </xsl:if>
          <xsl:if test="$url">
            <li>Permalink: <a href="{$url}">{$url}</a></li>
          </xsl:if>
        </ul>
        <details class="cite">
          <summary>Cite this document</summary>
          <h3 class="cite-head">Chicago (notes)</h3>
          <p class="cite-chicago">“{$title},” <xsl:if test="$n">Document {$n}, </xsl:if>in <cite>{$cite?edition}</cite><!--
            -->{if (string($cite?subtitle)) then ', ' || $cite?subtitle else ''}<!--
            -->{if (exists($editors)) then ', ed. ' || enc:and-names($editors) else ''}<!--
            -->{if ($imprint) then ' (' || $imprint || ')' else ''}<!--
            -->{if ($url) then ', ' || $url else ''}.</p>
          <h3 class="cite-head">BibTeX</h3>
          <pre class="cite-bibtex" tabindex="0" aria-label="BibTeX">{enc:bibtex($cite, $title, $n, $editors, $url)}</pre>
        </details>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="enc:and-names" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 1) then string($names[1])
        else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

  <xsl:function name="enc:bib" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="translate(normalize-space($value), '{}\', '()/')"/>
  </xsl:function>

  <xsl:function name="enc:bibtex" as="xs:string">
    <xsl:param name="cite" as="map(*)"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="n" as="xs:string"/>
    <xsl:param name="editors" as="xs:string*"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="year" as="xs:string?" select="replace(string($cite?date), '^.*?(\d{4}).*$', '$1', ';j')[matches(., '^\d{4}$')]"/>
    <xsl:variable name="fields" as="xs:string*" select="(
        'title = {' || enc:bib($title) || '}',
        'booktitle = {' || enc:bib(string($cite?edition)) || '}',
        (if (exists($editors)) then 'editor = {' || string-join($editors ! enc:bib(.), ' and ') || '}' else ()),
        (if (string($cite?publisher)) then 'publisher = {' || enc:bib(string($cite?publisher)) || '}' else ()),
        (if (string($cite?place)) then 'address = {' || enc:bib(string($cite?place)) || '}' else ()),
        (if ($year) then 'year = {' || $year || '}' else ()),
        (if ($n) then 'number = {' || enc:bib($n) || '}' else ()),
        (if ($url) then 'url = {' || $url || '}' else ()))"/>
    <xsl:sequence select="'@incollection{' || replace(string($cite?key), '[^A-Za-z0-9_.\-]', '') || ',&#10;  '
        || string-join($fields, ',&#10;  ') || '&#10;}'"/>
  </xsl:function>

  <!-- One document: its parts in order, then its notes. -->
  <xsl:template match="tei:div | tei:body" mode="document" as="element(article)">
    <article class="document" id="{enc:anchor-id(.)}">
      <xsl:if test="not(tei:head)">
        <xsl:call-template name="enc:missing-head"/>
      </xsl:if>
      <xsl:apply-templates select="node()" mode="text"/>
      <xsl:apply-templates select="." mode="notes"/>
      <xsl:if test="map:size($enc:page) gt 0">
        <!-- what a search result shows: the title and the date (Pagefind metadata) -->
        <span hidden="" data-pagefind-meta="title">{enc:display-title(.)}</span>
        <xsl:for-each select="enc:doc-date(.)">
          <span hidden="" data-pagefind-meta="date">{enc:plain(.)}</span>
        </xsl:for-each>
        <xsl:for-each select="enc:doc-types(.)">
          <span hidden="" data-pagefind-filter="type">{.}</span>
        </xsl:for-each>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- A document without a head still gets a heading, from its number and the teiHeader. -->
  <xsl:template name="enc:missing-head" as="element()+">
    <h1 class="doc-head">{enc:display-title(.)}</h1>
    <xsl:apply-templates select="." mode="summary"/>
  </xsl:template>

</xsl:stylesheet>
