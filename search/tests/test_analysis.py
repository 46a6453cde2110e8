"""The Chinese analysis shared by every backend: normalisation, segmentation, codes, pinyin and query groups."""

from search import analysis, query_analysis


def test_normalise_folds_width_case_and_traditional_characters():
    assert analysis.normalise("養老護理員 ＷｏｒｌｄＳｋｉｌｌｓ ２０２１") == "养老护理员 worldskills 2021"


def test_offsets_map_normalised_characters_back_to_the_original_text():
    text, offsets = analysis.normalise_with_offsets("職業ＡＢ")
    assert text == "职业ab"
    assert offsets == [0, 1, 2, 3]


def test_search_mode_keeps_domain_words_and_the_words_inside_them():
    tokens = analysis.index_tokens("到2022年底，培养培训养老护理员14万人次以上")
    assert {"养老护理员", "养老", "护理", "护理员", "养老护理", "培训", "2022"} <= set(tokens)
    assert "的" not in analysis.index_tokens("培训的通知")


def test_domain_dictionary_keeps_occupations_whole():
    segmenter = analysis.get_segmenter()
    for word in ["老年人能力评估师", "康复辅助技术咨询师", "职业培训包", "专项职业能力", "母婴护理员"]:
        assert word in segmenter.cut(f"关于{word}的说明"), word


def test_codes_are_searchable_as_typed_and_by_level():
    tokens = analysis.index_tokens("职业编码 4-10-01-05")
    assert {"410", "41001", "4100105"} <= set(tokens)
    assert query_analysis.analyse_query("４-10-01-05").tokens == ["4100105"]
    assert {"ylhl", "m01", "ylhlm01"} <= set(analysis.index_tokens("模块 YLHL-M01"))


def test_document_numbers_match_whatever_brackets_are_typed():
    tokens = set(analysis.index_tokens("根据川人社办发〔2021〕26号文件"))
    assert {"川人社办发2021n26", "2021n26", "2021", "26号", "川人社办发"} <= tokens
    for typed in ["川人社办发〔2021〕26号", "川人社办发[2021]26号", "川人社办发（２０２１）26号"]:
        query = query_analysis.analyse_query(typed)
        assert query.groups[0].alternatives[0] == ("川人社办发2021n26",), typed


def test_pinyin_keys_for_titles():
    tokens = analysis.index_tokens("养老护理员", pinyin=True)
    assert {"yanglao", "yanglaohuliyuan", "ylhly", "huliyuan"} <= set(tokens)
    assert "yl" not in tokens  # two-letter initials would match nearly everything
    assert query_analysis.analyse_query("YangLao").is_pinyin


def test_query_words_may_match_whole_or_as_their_parts():
    query = query_analysis.analyse_query("職業技能等級 WorldSkills")
    first, second = query.groups
    assert first.alternatives == (("职业技能等级",), ("职业技能", "等级"))
    assert second.alternatives == (("worldskills",),)
    assert query_analysis.analyse_query("养老护理员").groups[0].alternatives == (("养老护理员",), ("养老", "护理员"))


def test_empty_and_punctuation_only_queries_have_no_groups():
    assert not query_analysis.analyse_query("   ")
    assert not query_analysis.analyse_query("！？，。")


def test_python_jieba_and_rjieba_agree_on_domain_text():
    text = "养老护理员职业培训包 老年人能力评估师 家政服务员 专项职业能力考核规范"
    rust = analysis.RJiebaSegmenter()
    python = analysis.JiebaSegmenter()
    assert rust.cut(text) == python.cut(text)
    assert set(rust.cut_for_search(text)) == set(python.cut_for_search(text))
